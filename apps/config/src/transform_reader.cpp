#include "netsim/core/error.h"
#include "readers.h"

namespace netsim::config {
namespace {

// {init: NAME, ...}: the initialisers of core/initializer.h with their parameters.
std::optional<Transform> read_initializer(const YamlValue& value) {
  const auto name = value["init"].text();
  if (!name) return std::nullopt;
  auto param = [&](const char* key, double fallback) -> std::optional<double> {
    return value.has(key) ? value[key].number() : std::optional<double>(fallback);
  };
  const std::vector<std::string> names = {"glorot_uniform", "uniform", "normal", "orthogonal",
                                          "zeros", "ones", "identity"};
  try {
    if (*name == "uniform") {
      value.check_keys({"init", "low", "high"});
      const auto low = param("low", -0.05), high = param("high", 0.05);  // Keras's defaults
      if (!low || !high) return std::nullopt;
      if (!(*low < *high)) {
        value["high"].expected("a value above low (" + std::to_string(*low) + ")");
        return std::nullopt;
      }
      return Transform(init::uniform(*low, *high));
    }
    if (*name == "normal") {
      value.check_keys({"init", "mean", "stddev"});
      const auto mean = param("mean", 0.0), stddev = param("stddev", 0.05);  // Keras's defaults
      if (!mean || !stddev) return std::nullopt;
      if (*stddev < 0.0) {
        value["stddev"].expected("a standard deviation >= 0");
        return std::nullopt;
      }
      return Transform(init::normal(*mean, *stddev));
    }
    if (*name == "orthogonal") {
      value.check_keys({"init", "gain"});
      const auto gain = param("gain", 1.0);
      if (!gain) return std::nullopt;
      return Transform(init::orthogonal(*gain));
    }
    value.check_keys({"init"});
    if (*name == "glorot_uniform") return Transform(init::glorot_uniform());
    if (*name == "zeros") return Transform(init::zeros());
    if (*name == "ones") return Transform(init::ones());
    if (*name == "identity") return Transform(init::identity());
  } catch (const ValidationError& e) {
    value.error(e.what());
    return std::nullopt;
  }
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  value["init"].expected("one of " + list);
  return std::nullopt;
}

std::optional<Transform> from_array(const YamlValue& value, const NdArray& a) {
  if (a.rank() == 0) return Transform(static_cast<double>(a.values[0]));
  if (a.rank() == 1) {
    VectorD d(a.shape[0]);
    for (Index i = 0; i < d.size(); ++i) d(i) = a.values[static_cast<std::size_t>(i)];
    return Transform::diagonal(d);
  }
  if (a.rank() == 2) return Transform::dense(a.to_matrix(value.path()));
  value["file"].error("expected a scalar, a vector (diagonal) or a 2-D array (post, pre), got shape " +
                      a.shape_string());
  return std::nullopt;
}

}  // namespace

std::optional<Transform> read_transform(const YamlValue& value, const ReadContext& context) {
  if (value.is_null()) return Transform::identity();
  if (value.is_scalar()) {
    const auto v = value.number();
    if (!v) return std::nullopt;
    return Transform(*v);
  }
  if (value.is_list()) {
    if (value.node().size() > 0 && value.node()[0].IsSequence()) {
      const auto m = value.matrix();
      if (!m) return std::nullopt;
      return Transform::dense(*m);
    }
    const auto d = value.numbers();
    if (!d) return std::nullopt;
    if (d->empty()) {
      value.expected("a non-empty list");
      return std::nullopt;
    }
    return Transform::diagonal(Eigen::Map<const VectorD>(d->data(), static_cast<Index>(d->size())));
  }
  if (value.has("init")) return read_initializer(value);
  if (value.has("convolution")) {
    value.check_keys({"convolution"});
    return read_convolution(value["convolution"], context);
  }
  if (value.has("average_pooling")) {
    value.check_keys({"average_pooling"});
    const auto spec = read_pooling(value["average_pooling"]);
    if (!spec) return std::nullopt;
    return Transform::average_pooling(*spec);
  }
  if (value.has("file")) {
    const auto a = read_array_file(value, context);
    if (!a) return std::nullopt;
    return from_array(value, *a);
  }
  value.expected("a number, a list (diagonal), a list of rows (dense), {init: NAME}, {file: NAME}, "
                 "{convolution: {...}} or {average_pooling: {...}}");
  return std::nullopt;
}

}  // namespace netsim::config
