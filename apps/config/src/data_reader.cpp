// The data: section (docs/yaml.md, "Training").
#include <filesystem>

#include "netsim/config/network_file.h"
#include "netsim/core/did_you_mean.h"
#include "readers.h"

namespace netsim::config {
namespace {

std::vector<std::string> names_of(const Network& network, bool inputs) {
  std::vector<std::string> names;
  if (inputs) {
    for (const Node& n : network.nodes())
      if (traits(n.kind()).reads_data) names.push_back(n.name);
  } else {
    for (const Probe& p : network.probes()) names.push_back(p.name);
  }
  return names;
}

bool check_name(const YamlValue& at, const std::string& name, const Network& network, bool input) {
  const auto known = names_of(network, input);
  for (const auto& k : known)
    if (k == name) return true;
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  at.error(std::string(input ? "expected an input node" : "expected a probe") + did_you_mean(name, known) + " (" +
           (input ? "input nodes" : "probes") + ": " + (list.empty() ? "none" : list) + "), got \"" + name + "\"");
  return false;
}

std::optional<ArraySource> read_source(const YamlValue& value, const ReadContext& context) {
  ArraySource source;
  source.where = value.location();
  const YamlValue file = value.is_map() ? value["file"] : value;
  if (value.is_map()) {
    value.check_keys({"file", "key"});
    if (value.has("key"))
      if (const auto k = value["key"].text()) source.key = *k;
  } else if (!value.is_scalar()) {
    value.expected("an array file: NAME.npy, {file: NAME.npy} or {file: NAME.npz, key: KEY}");
    return std::nullopt;
  }
  const auto written = file.text();
  if (!written) return std::nullopt;
  source.written = *written;
  source.path = resolve_path(context.folder, *written);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(source.path, ec)) {
    file.error("cannot read \"" + *written + "\": no such file (looked for " + source.path + ")");
    return std::nullopt;
  }
  const bool npz = source.path.ends_with(".npz");
  if (npz && !source.key) {
    value.error("expected a key naming the array inside \"" + *written + "\", e.g. {file: " + *written + ", key: x}");
    return std::nullopt;
  }
  if (!npz && source.key) {
    value["key"].error("a key selects an array inside an .npz file; \"" + *written + "\" is not one");
    return std::nullopt;
  }
  return source;
}

std::optional<ArraySplit> read_split(const YamlValue& value, const ReadContext& context, const Network& network) {
  if (!value.is_map()) {
    value.expected("a mapping {inputs: {NODE: FILE}, targets: {PROBE: FILE}}");
    return std::nullopt;
  }
  value.check_keys({"inputs", "targets"});
  ArraySplit split;
  bool ok = true;
  for (const char* section : {"inputs", "targets"}) {
    const YamlValue entries = value[section];
    if (!entries.is_map()) {
      entries.expected(std::string("a mapping of ") + (section[0] == 'i' ? "input node" : "probe") + " names to array files");
      ok = false;
      continue;
    }
    for (const auto& [name, source_value] : entries.entries()) {
      const bool input = section[0] == 'i';
      if (!check_name(source_value, name, network, input)) {
        ok = false;
        continue;
      }
      if (auto source = read_source(source_value, context)) {
        (input ? split.inputs : split.targets).emplace(name, std::move(*source));
      } else {
        ok = false;
      }
    }
  }
  if (!ok) return std::nullopt;
  return split;
}

std::optional<PixelScaling> parse_scaling(const std::string& s) {
  if (s == "none") return PixelScaling::none;
  if (s == "unit") return PixelScaling::unit;
  if (s == "standardize") return PixelScaling::standardize;
  if (s == "standardize_per_pixel") return PixelScaling::standardize_per_pixel;
  if (s == "center_per_pixel") return PixelScaling::center_per_pixel;
  return std::nullopt;
}

std::optional<MnistSource> read_mnist_source(const YamlValue& value, const ReadContext& context, const Network& network) {
  if (!value.is_map()) {
    value.expected("a mapping {folder: DIR, input: NODE, labels: PROBE, ...}");
    return std::nullopt;
  }
  value.check_keys({"folder", "input", "labels", "pixels_per_step", "scaling", "permutation_seed", "train",
                    "validation", "test"});
  MnistSource m;
  m.where = value.location();
  bool ok = true;
  const YamlValue folder = value["folder"];
  if (folder.is_null()) {
    value.error("expected folder: the folder holding the four MNIST IDX files");
    ok = false;
  } else if (const auto f = folder.text()) {
    // Not checked here: the data is fetched separately (scripts/fetch_mnist.sh) and only
    // train/eval need it; load_datasets reports a missing file at this key.
    m.folder = resolve_path(context.folder, *f);
    m.where = folder.location();
  } else {
    ok = false;
  }
  for (const char* key : {"input", "labels"}) {
    const YamlValue v = value[key];
    const bool input = key[0] == 'i';
    if (v.is_null()) {
      value.error(std::string("expected ") + key + ": the " + (input ? "input node fed the images" : "probe the labels are for"));
      ok = false;
    } else if (const auto name = v.text(); name && check_name(v, *name, network, input)) {
      (input ? m.input : m.labels) = *name;
    } else {
      ok = false;
    }
  }
  if (value.has("pixels_per_step")) {
    const YamlValue v = value["pixels_per_step"];
    if (const auto p = v.integer(1, 784)) {
      if (784 % *p != 0) {
        v.error("expected a divisor of 784 (1, 2, 4, 7, 8, 14, 16, 28, ..., 784), got " + std::to_string(*p));
        ok = false;
      }
      m.sequences.pixels_per_step = *p;
    } else {
      ok = false;
    }
  }
  if (value.has("scaling")) {
    const YamlValue v = value["scaling"];
    if (const auto s = v.text()) {
      if (const auto scaling = parse_scaling(*s)) {
        m.sequences.scaling = *scaling;
      } else {
        v.expected("none, unit (x/255), standardize, standardize_per_pixel or center_per_pixel");
        ok = false;
      }
    }
  }
  if (value.has("permutation_seed"))
    if (const auto s = value["permutation_seed"].integer(0)) m.sequences.permutation_seed = static_cast<std::uint64_t>(*s);
  if (value.has("train"))
    if (const auto n = value["train"].integer(1, 60000)) m.train = *n;
  if (value.has("validation")) {
    const YamlValue v = value["validation"];
    if (v.is_scalar() && v.node().Scalar() == "test") {
      m.validate_on_test = true;
    } else if (const auto n = v.integer(0, 60000)) {
      m.validation = *n;
    }
  }
  if (value.has("test"))
    if (const auto n = value["test"].integer(1, 10000)) m.test = *n;
  if (m.train && *m.train + m.validation > 60000) {
    value["validation"].error("train (" + std::to_string(*m.train) + ") and validation (" + std::to_string(m.validation) +
                              ") together exceed the 60000 training images");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return m;
}

}  // namespace

std::optional<DataSettings> read_data(const YamlValue& data, const ReadContext& context, const Network& network) {
  if (data.is_null()) return std::nullopt;
  if (!data.is_map()) {
    data.expected("a mapping with mnist: {...} or train:/validation:/test: {inputs: ..., targets: ...}");
    return std::nullopt;
  }
  data.check_keys({"mnist", "train", "validation", "test"});
  DataSettings settings;
  if (data.has("mnist")) {
    settings.mnist = read_mnist_source(data["mnist"], context, network);
    for (const char* split : {"train", "validation", "test"})
      if (data.has(split)) data[split].error("give either mnist: or array files, not both");
    return settings;
  }
  if (data.has("train")) settings.train = read_split(data["train"], context, network);
  if (data.has("validation")) settings.validation = read_split(data["validation"], context, network);
  if (data.has("test")) settings.test = read_split(data["test"], context, network);
  if (!data.has("train") && !data.has("validation") && !data.has("test")) {
    data.error("expected mnist: {...} or at least one of train:, validation:, test:");
  }
  return settings;
}

}  // namespace netsim::config
