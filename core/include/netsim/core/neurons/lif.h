#pragma once
// Leaky integrate-and-fire neurons, as Nengo's LIFRate and LIF (docs/neurons.md).
//   lif_rate  a = amplitude / (tau_ref + tau_rc ln(1 + 1/(J - 1))) for J > 1, else 0; with
//             smoothing s > 0 (NengoDL's SoftLIF) J - 1 is replaced by s ln(1 + exp((J - 1)/s)),
//             so a gradient exists below threshold
//   lif       voltage v and refractory time r per neuron: r -= dt; delta = clip(dt - r, 0, dt);
//             v -= (J - v) expm1(-delta / tau_rc); a spike when v > 1: output amplitude / dt,
//             its time within the step t = dt + tau_rc log1p(-(v - 1)/(J - 1)), then v = 0
//             and r = tau_ref + t; otherwise v = max(v, min_voltage). Trained as lif_rate.

#include <string>

#include "netsim/core/neurons/neuron_record.h"
#include "netsim/core/types.h"

namespace netsim::neurons {

// Nengo's closed form for the LIF family; `type` names the type in messages.
void lif_gain_bias(double tau_rc, double tau_ref, double max_rate, double intercept, const std::string& where,
                   std::string_view type, double& gain, double& bias);

struct LifRate {
  double tau_rc = 0.02;
  double tau_ref = 0.002;
  double amplitude = 1.0;
  double smoothing = 0.0;  // SoftLIF's sigma; 0: the exact rate

  static constexpr std::string_view name = "lif_rate";
  static constexpr std::array<Parameter<LifRate>, 4> parameters{{
      {"tau_rc", &LifRate::tau_rc, Bound::positive},
      {"tau_ref", &LifRate::tau_ref, Bound::positive},
      {"amplitude", &LifRate::amplitude, Bound::positive},
      {"smoothing", &LifRate::smoothing, Bound::non_negative},
  }};
  static constexpr std::array<StateVariable, 0> state{};

  void gain_bias(double max_rate, double intercept, const std::string& where, double& gain, double& bias) const {
    lif_gain_bias(tau_rc, tau_ref, max_rate, intercept, where, name, gain, bias);
  }
  double rate(double J) const;
  double rate_derivative(double J) const;
};

struct Lif {
  double tau_rc = 0.02;
  double tau_ref = 0.002;
  double min_voltage = 0.0;
  double amplitude = 1.0;
  double smoothing = 0.0;  // the rate twin's (training)

  static constexpr std::string_view name = "lif";
  static constexpr std::array<Parameter<Lif>, 5> parameters{{
      {"tau_rc", &Lif::tau_rc, Bound::positive},
      {"tau_ref", &Lif::tau_ref, Bound::positive},
      {"min_voltage", &Lif::min_voltage, Bound::non_positive},
      {"amplitude", &Lif::amplitude, Bound::positive},
      {"smoothing", &Lif::smoothing, Bound::non_negative},
  }};
  static constexpr std::array<StateVariable, 2> state{{{"voltage", true}, {"refractory_time", false}}};

  LifRate rate_twin() const { return {tau_rc, tau_ref, amplitude, smoothing}; }
  void gain_bias(double max_rate, double intercept, const std::string& where, double& gain, double& bias) const {
    lif_gain_bias(tau_rc, tau_ref, max_rate, intercept, where, name, gain, bias);
  }
  double rate(double J) const { return rate_twin().rate(J); }
  // state: voltage, refractory_time.
  double step(double dt, double J, double* state) const;
  // step() for n neurons at once (J[i], output a[i], state neuron by neuron), with the same
  // bits: every neuron out of its refractory period integrates over the whole step, so
  // expm1(-dt / tau_rc) is computed once for all of them.
  void step_row(double dt, const double* J, double* a, double* state, Index n) const;
};

}  // namespace netsim::neurons
