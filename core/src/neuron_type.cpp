#include "netsim/core/neuron_type.h"

#include <array>
#include <cmath>

#include "netsim/core/error.h"

namespace netsim {
namespace {

constexpr std::array<std::pair<NeuronKind, const char*>, 6> kNames{{
    {NeuronKind::lif, "lif"},
    {NeuronKind::lif_rate, "lif_rate"},
    {NeuronKind::rectified_linear, "rectified_linear"},
    {NeuronKind::spiking_rectified_linear, "spiking_rectified_linear"},
    {NeuronKind::sigmoid, "sigmoid"},
    {NeuronKind::tanh, "tanh"},
}};

std::string number(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::string to_string(NeuronKind kind) {
  for (const auto& [k, name] : kNames)
    if (k == kind) return name;
  return "?";
}

std::optional<NeuronKind> parse_neuron_kind(const std::string& name) {
  for (const auto& [k, n] : kNames)
    if (name == n) return k;
  return std::nullopt;
}

const std::vector<std::string>& neuron_kind_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& [k, n] : kNames) v.emplace_back(n);
    return v;
  }();
  return names;
}

NeuronType NeuronType::defaults(NeuronKind kind) {
  NeuronType t;
  t.kind = kind;
  t.tau_ref = default_tau_ref(kind);
  return t;
}

NeuronType NeuronType::rate_twin() const {
  NeuronType twin = *this;
  if (kind == NeuronKind::lif) twin.kind = NeuronKind::lif_rate;
  if (kind == NeuronKind::spiking_rectified_linear) twin.kind = NeuronKind::rectified_linear;
  return twin;
}

std::vector<std::string> NeuronType::parameter_names() const {
  switch (kind) {
    case NeuronKind::lif: return {"tau_rc", "tau_ref", "min_voltage", "amplitude", "smoothing"};
    case NeuronKind::lif_rate: return {"tau_rc", "tau_ref", "amplitude", "smoothing"};
    case NeuronKind::rectified_linear:
    case NeuronKind::spiking_rectified_linear: return {"amplitude"};
    case NeuronKind::sigmoid:
    case NeuronKind::tanh: return {"tau_ref"};
  }
  return {};
}

void NeuronType::check(const std::string& where) const {
  auto positive = [&](const char* name, double v) {
    if (!(v > 0.0) || !std::isfinite(v)) throw ValidationError(where + ": " + name + ": expected a number > 0, got " + number(v));
  };
  const std::string prefix = where + ": ";
  switch (kind) {
    case NeuronKind::lif:
      if (!(min_voltage <= 0.0)) throw ValidationError(prefix + "min_voltage: expected a number <= 0, got " + number(min_voltage));
      [[fallthrough]];
    case NeuronKind::lif_rate:
      positive("tau_rc", tau_rc);
      positive("tau_ref", tau_ref_value());
      positive("amplitude", amplitude);
      if (!(smoothing >= 0.0) || !std::isfinite(smoothing)) throw ValidationError(prefix + "smoothing: expected a number >= 0");
      break;
    case NeuronKind::rectified_linear:
    case NeuronKind::spiking_rectified_linear: positive("amplitude", amplitude); break;
    case NeuronKind::sigmoid:
    case NeuronKind::tanh:
      positive("tau_ref", tau_ref_value());
      break;
  }
}

void NeuronType::gain_bias(double max_rate, double intercept, const std::string& where, double& gain, double& bias) const {
  if (!(max_rate > 0.0) || !std::isfinite(max_rate)) throw ValidationError(where + ": max_rate: expected a rate > 0, got " + number(max_rate));
  if (!(intercept < 1.0) || !std::isfinite(intercept)) throw ValidationError(where + ": intercept: expected a value < 1, got " + number(intercept));
  const double refractory = tau_ref_value();
  auto below_ceiling = [&] {
    if (!(max_rate < 1.0 / refractory)) {
      throw ValidationError(where + ": max_rate " + number(max_rate) +
                            " is not below 1/tau_ref = " + number(1.0 / refractory) +
                            " (the fastest a " + to_string(kind) + " neuron can fire)");
    }
  };
  switch (kind) {
    case NeuronKind::rectified_linear:
    case NeuronKind::spiking_rectified_linear:
      gain = max_rate / (1.0 - intercept);
      bias = -intercept * gain;
      return;
    case NeuronKind::lif:
    case NeuronKind::lif_rate: {
      below_ceiling();
      const double z = 1.0 / (1.0 - std::exp((refractory - 1.0 / max_rate) / tau_rc));
      gain = (1.0 - z) / (intercept - 1.0);
      bias = 1.0 - gain * intercept;
      return;
    }
    case NeuronKind::sigmoid: {
      below_ceiling();
      const double u = -std::log(1.0 / (refractory * max_rate) - 1.0);
      gain = u / (1.0 - intercept);
      bias = u - gain;
      return;
    }
    case NeuronKind::tanh: {
      below_ceiling();
      const double u = std::atanh(max_rate * refractory);
      gain = u / (1.0 - intercept);
      bias = -gain * intercept;
      return;
    }
  }
}

}  // namespace netsim
