// Distributions in network files (docs/nef.md): {uniform: [lo, hi]}, {gaussian: [mean,
// std]}, {choice: [...]}, uniform_hypersphere, scattered_hypersphere (or {NAME: {surface:
// true}}).
#include "netsim/core/did_you_mean.h"
#include "netsim/core/error.h"
#include "readers.h"

namespace netsim::config {
namespace {

const std::vector<std::string> kDistributionNames = {"uniform", "gaussian", "choice", "uniform_hypersphere",
                                                     "scattered_hypersphere"};

std::optional<std::pair<double, double>> read_pair(const YamlValue& v, const char* what) {
  const auto numbers = v.numbers();
  if (!numbers) return std::nullopt;
  if (numbers->size() != 2) {
    v.expected(std::string("two numbers [") + what + "]");
    return std::nullopt;
  }
  return std::pair{(*numbers)[0], (*numbers)[1]};
}

}  // namespace

bool is_distribution(const YamlValue& value) {
  if (value.is_scalar()) {
    const auto text = value.node().Scalar();
    return std::find(kDistributionNames.begin(), kDistributionNames.end(), text) != kDistributionNames.end();
  }
  return value.is_map() && value.entries().size() == 1 &&
         std::find(kDistributionNames.begin(), kDistributionNames.end(), value.entries().front().first) != kDistributionNames.end();
}

std::optional<Distribution> read_distribution(const YamlValue& value, Index d) {
  const auto chosen = value.one_of_names(kDistributionNames, "distribution", "a distribution such as {uniform: [-1, 1]} or scattered_hypersphere");
  if (!chosen) return std::nullopt;
  const std::string& name = *chosen;
  const YamlValue params = value.is_scalar() ? YamlValue(value) : value[name];
  Distribution dist;
  if (name == "uniform" || name == "gaussian") {
    if (value.is_scalar()) {
      value.expected(name == "uniform" ? "{uniform: [low, high]}" : "{gaussian: [mean, std]}");
      return std::nullopt;
    }
    const auto p = read_pair(params, name == "uniform" ? "low, high" : "mean, std");
    if (!p) return std::nullopt;
    if (name == "uniform") dist = Uniform{p->first, p->second};
    else dist = Gaussian{p->first, p->second};
  } else if (name == "choice") {
    if (value.is_scalar() || !params.is_list()) {
      (value.is_scalar() ? value : params).expected("{choice: [options]}: numbers, or lists of " + std::to_string(d));
      return std::nullopt;
    }
    std::optional<MatrixD> options;
    if (params.node().size() > 0 && !params.node()[0].IsSequence()) {
      if (const auto v = params.numbers()) options = Eigen::Map<const MatrixD>(v->data(), static_cast<Index>(v->size()), 1);
    } else {
      options = params.matrix();
    }
    if (!options) return std::nullopt;
    dist = Choice{*options};
  } else {
    bool surface = false;
    if (!value.is_scalar() && !params.is_null()) {
      if (!params.is_map()) {
        params.expected("{surface: true} or {surface: false}");
        return std::nullopt;
      }
      params.check_keys({"surface"});
      if (params.has("surface")) {
        const auto b = params["surface"].boolean();
        if (!b) return std::nullopt;
        surface = *b;
      }
    }
    if (name == "uniform_hypersphere") dist = UniformHypersphere{surface};
    else dist = ScatteredHypersphere{surface};
  }
  try {
    netsim::check(dist, d, "");
  } catch (const ValidationError& e) {
    std::string message = e.what();
    if (message.rfind(": ", 0) == 0) message = message.substr(2);
    value.error(message);
    return std::nullopt;
  }
  return dist;
}

}  // namespace netsim::config
