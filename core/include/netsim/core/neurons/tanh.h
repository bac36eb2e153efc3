#pragma once
// Tanh neurons, as Nengo's Tanh: a = (1 / tau_ref) tanh(J).

#include <string>

#include "netsim/core/neurons/neuron_record.h"

namespace netsim::neurons {

struct Tanh {
  double tau_ref = 0.0025;

  static constexpr std::string_view name = "tanh";
  static constexpr std::array<Parameter<Tanh>, 1> parameters{{{"tau_ref", &Tanh::tau_ref, Bound::positive}}};
  static constexpr std::array<StateVariable, 0> state{};

  void gain_bias(double max_rate, double intercept, const std::string& where, double& gain, double& bias) const;
  double rate(double J) const;
  double rate_derivative(double J) const;
};

}  // namespace netsim::neurons
