#pragma once
// Adaptive leaky integrate-and-fire neurons, as Nengo's AdaptiveLIFRate and AdaptiveLIF:
// the LIF types (lif.h) with an adaptation state n per neuron, subtracted from the input
// current and driven by the output:
//   a = LIF(J - n); then n += (dt / tau_n) (inc_n a - n)
// Tuning (gain, bias, rates for decoders) is LIF's, without adaptation, as in Nengo.
// adaptive_lif is trained as adaptive_lif_rate, which keeps state and so has no gradient
// here (training says so).

#include <string>

#include "netsim/core/neurons/lif.h"

namespace netsim::neurons {

struct AdaptiveLifRate {
  double tau_n = 1.0;
  double inc_n = 0.01;
  double tau_rc = 0.02;
  double tau_ref = 0.002;
  double amplitude = 1.0;

  static constexpr std::string_view name = "adaptive_lif_rate";
  static constexpr std::array<Parameter<AdaptiveLifRate>, 5> parameters{{
      {"tau_n", &AdaptiveLifRate::tau_n, Bound::positive},
      {"inc_n", &AdaptiveLifRate::inc_n, Bound::non_negative},
      {"tau_rc", &AdaptiveLifRate::tau_rc, Bound::positive},
      {"tau_ref", &AdaptiveLifRate::tau_ref, Bound::positive},
      {"amplitude", &AdaptiveLifRate::amplitude, Bound::positive},
  }};
  static constexpr std::array<StateVariable, 1> state{{{"adaptation", false}}};

  void gain_bias(double max_rate, double intercept, const std::string& where, double& gain, double& bias) const {
    lif_gain_bias(tau_rc, tau_ref, max_rate, intercept, where, name, gain, bias);
  }
  double rate(double J) const { return LifRate{tau_rc, tau_ref, amplitude}.rate(J); }
  // state: adaptation.
  double step(double dt, double J, double* state) const;
};

struct AdaptiveLif {
  double tau_n = 1.0;
  double inc_n = 0.01;
  double tau_rc = 0.02;
  double tau_ref = 0.002;
  double min_voltage = 0.0;
  double amplitude = 1.0;

  static constexpr std::string_view name = "adaptive_lif";
  static constexpr std::array<Parameter<AdaptiveLif>, 6> parameters{{
      {"tau_n", &AdaptiveLif::tau_n, Bound::positive},
      {"inc_n", &AdaptiveLif::inc_n, Bound::non_negative},
      {"tau_rc", &AdaptiveLif::tau_rc, Bound::positive},
      {"tau_ref", &AdaptiveLif::tau_ref, Bound::positive},
      {"min_voltage", &AdaptiveLif::min_voltage, Bound::non_positive},
      {"amplitude", &AdaptiveLif::amplitude, Bound::positive},
  }};
  static constexpr std::array<StateVariable, 3> state{{{"voltage", true}, {"refractory_time", false}, {"adaptation", false}}};

  AdaptiveLifRate rate_twin() const { return {tau_n, inc_n, tau_rc, tau_ref, amplitude}; }
  void gain_bias(double max_rate, double intercept, const std::string& where, double& gain, double& bias) const {
    lif_gain_bias(tau_rc, tau_ref, max_rate, intercept, where, name, gain, bias);
  }
  double rate(double J) const { return rate_twin().rate(J); }
  // state: voltage, refractory_time, adaptation.
  double step(double dt, double J, double* state) const;
};

}  // namespace netsim::neurons
