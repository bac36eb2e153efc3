// convolution: / average_pooling: / max_pooling: specs (core/image_window.h).
#include "netsim/core/error.h"
#include "readers.h"

namespace netsim::config {
namespace {

// N or [H, W]: a pair of positive integers.
std::optional<std::pair<Index, Index>> read_pair(const YamlValue& v) {
  if (v.is_scalar()) {
    const auto n = v.integer(1, 1 << 20);
    if (!n) return std::nullopt;
    return std::pair<Index, Index>{*n, *n};
  }
  const auto items = v.is_list() ? v.items() : std::vector<YamlValue>{};
  if (items.size() != 2) {
    v.expected("a positive integer or a list [rows, columns]");
    return std::nullopt;
  }
  const auto a = items[0].integer(1, 1 << 20), b = items[1].integer(1, 1 << 20);
  if (!a || !b) return std::nullopt;
  return std::pair<Index, Index>{*a, *b};
}

std::optional<ImageShape> read_image_shape(const YamlValue& parent) {
  const YamlValue v = parent["input_shape"];
  if (v.is_null()) {
    parent.error("expected input_shape: [height, width, channels] (channels last)");
    return std::nullopt;
  }
  const auto items = v.is_list() ? v.items() : std::vector<YamlValue>{};
  if (items.size() != 3) {
    v.expected("a list [height, width, channels] (channels last)");
    return std::nullopt;
  }
  const auto h = items[0].integer(1, 1 << 20), w = items[1].integer(1, 1 << 20), c = items[2].integer(1, 1 << 20);
  if (!h || !w || !c) return std::nullopt;
  return ImageShape{*h, *w, *c};
}

// The window size under `size_key`, strides (default 1, or the window size when
// `stride_defaults_to_window`: pooling) and padding (default valid).
std::optional<Window2D> read_window(const YamlValue& parent, const char* size_key, bool stride_defaults_to_window) {
  Window2D w;
  bool ok = true;
  const YamlValue size = parent[size_key];
  if (size.is_null()) {
    parent.error(std::string("expected ") + size_key + ": N or [rows, columns]");
    ok = false;
  } else if (const auto s = read_pair(size)) {
    std::tie(w.height, w.width) = *s;
  } else {
    ok = false;
  }
  if (stride_defaults_to_window) w.stride_y = w.height, w.stride_x = w.width;
  if (parent.has("strides")) {
    if (const auto s = read_pair(parent["strides"])) std::tie(w.stride_y, w.stride_x) = *s;
    else ok = false;
  }
  if (parent.has("padding")) {
    const YamlValue p = parent["padding"];
    const auto text = p.text();
    if (text && *text == "same") {
      w.padding = Padding::same;
    } else if (text && *text == "valid") {
      w.padding = Padding::valid;
    } else {
      if (text) p.expected("same or valid");
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return w;
}

// kernel_init: NAME or {init: NAME, ...} (the transform initialisers).
std::optional<Initializer> read_kernel_init(const YamlValue& parent, const ReadContext& context) {
  if (!parent.has("kernel_init")) return init::glorot_uniform();
  const YamlValue v = parent["kernel_init"];
  std::optional<Transform> t;
  if (v.is_scalar()) {
    YAML::Node wrapped;
    wrapped["init"] = v.node();
    t = read_transform(YamlValue(wrapped, v.path(), v.mark(), &v.diagnostics()), context);
  } else if (v.is_map() && v.has("init")) {
    t = read_transform(v, context);
  } else {
    v.expected("an initialiser name (glorot_uniform, uniform, ...) or {init: NAME, ...}");
    return std::nullopt;
  }
  if (!t) return std::nullopt;
  return t->initializer();
}

}  // namespace

std::optional<Transform> read_convolution(const YamlValue& v, const ReadContext& context) {
  if (!v.is_map()) {
    v.expected("a mapping {input_shape: [H, W, C], filters: F, kernel_size: K, strides: S, padding: same|valid}");
    return std::nullopt;
  }
  v.check_keys({"input_shape", "filters", "kernel_size", "strides", "padding", "kernel_init"});
  ConvolutionSpec spec;
  bool ok = true;
  if (const auto shape = read_image_shape(v)) spec.input = *shape; else ok = false;
  const YamlValue filters = v["filters"];
  if (filters.is_null()) {
    v.error("expected filters: the number of kernels (output channels)");
    ok = false;
  } else if (const auto f = filters.integer(1, 1 << 20)) {
    spec.filters = *f;
  } else {
    ok = false;
  }
  if (const auto w = read_window(v, "kernel_size", false)) spec.window = *w; else ok = false;
  const auto kernel_init = read_kernel_init(v, context);
  if (!ok || !kernel_init) return std::nullopt;
  try {
    spec.check("convolution");
  } catch (const ValidationError& e) {
    v.error(std::string(e.what()).substr(std::string("convolution: ").size()));
    return std::nullopt;
  }
  return Transform::convolution(spec, *kernel_init);
}

std::optional<PoolingSpec> read_pooling(const YamlValue& v) {
  if (!v.is_map()) {
    v.expected("a mapping {input_shape: [H, W, C], pool_size: P, strides: S, padding: valid|same}");
    return std::nullopt;
  }
  v.check_keys({"input_shape", "pool_size", "strides", "padding"});
  PoolingSpec spec;
  bool ok = true;
  if (const auto shape = read_image_shape(v)) spec.input = *shape; else ok = false;
  if (const auto w = read_window(v, "pool_size", true)) spec.window = *w; else ok = false;
  if (!ok) return std::nullopt;
  try {
    spec.check("pooling");
  } catch (const ValidationError& e) {
    v.error(std::string(e.what()).substr(std::string("pooling: ").size()));
    return std::nullopt;
  }
  return spec;
}

}  // namespace netsim::config
