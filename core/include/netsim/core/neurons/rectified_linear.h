#pragma once
// Rectified linear neurons, as Nengo's RectifiedLinear and SpikingRectifiedLinear.
//   rectified_linear          a = amplitude max(J, 0)
//   spiking_rectified_linear  v += max(J, 0) dt; n = floor(v); a = n amplitude / dt; v -= n
//                             (voltage per neuron); trained as rectified_linear

#include <string>

#include "netsim/core/neurons/neuron_record.h"
#include "netsim/core/types.h"

namespace netsim::neurons {

// Nengo's closed form: the rate reaches max_rate at 1 and starts at the intercept.
void rectified_linear_gain_bias(double max_rate, double intercept, const std::string& where, double& gain, double& bias);

struct RectifiedLinear {
  double amplitude = 1.0;

  static constexpr std::string_view name = "rectified_linear";
  static constexpr std::array<Parameter<RectifiedLinear>, 1> parameters{{
      {"amplitude", &RectifiedLinear::amplitude, Bound::positive},
  }};
  static constexpr std::array<StateVariable, 0> state{};

  void gain_bias(double max_rate, double intercept, const std::string& where, double& gain, double& bias) const {
    rectified_linear_gain_bias(max_rate, intercept, where, gain, bias);
  }
  double rate(double J) const { return amplitude * (J > 0.0 ? J : 0.0); }
  double rate_derivative(double J) const { return J > 0.0 ? amplitude : 0.0; }
};

struct SpikingRectifiedLinear {
  double amplitude = 1.0;

  static constexpr std::string_view name = "spiking_rectified_linear";
  static constexpr std::array<Parameter<SpikingRectifiedLinear>, 1> parameters{{
      {"amplitude", &SpikingRectifiedLinear::amplitude, Bound::positive},
  }};
  static constexpr std::array<StateVariable, 1> state{{{"voltage", true}}};

  RectifiedLinear rate_twin() const { return {amplitude}; }
  void gain_bias(double max_rate, double intercept, const std::string& where, double& gain, double& bias) const {
    rectified_linear_gain_bias(max_rate, intercept, where, gain, bias);
  }
  double rate(double J) const { return rate_twin().rate(J); }
  // state: voltage.
  double step(double dt, double J, double* state) const;
  // step() for n neurons at once (J[i], output a[i], voltage[i]), the same bits; no
  // branches, so the compiler vectorises it.
  void step_row(double dt, const double* J, double* a, double* voltage, Index n) const;
};

}  // namespace netsim::neurons
