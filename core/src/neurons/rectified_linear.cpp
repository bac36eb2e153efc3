#include "netsim/core/neurons/rectified_linear.h"

#include <algorithm>
#include <cmath>

#include "rate_math.h"

namespace netsim::neurons {

void rectified_linear_gain_bias(double max_rate, double intercept, const std::string& where, double& gain, double& bias) {
  check_tuning(max_rate, intercept, where);
  gain = max_rate / (1.0 - intercept);
  bias = -intercept * gain;
}

double SpikingRectifiedLinear::step(double dt, double J, double* state) const {
  double& voltage = state[0];
  voltage += std::max(J, 0.0) * dt;
  const double spikes = std::floor(voltage);
  voltage -= spikes;
  return spikes * amplitude / dt;
}

void SpikingRectifiedLinear::step_row(double dt, const double* J, double* a, double* voltage, Index n) const {
  for (Index i = 0; i < n; ++i) {
    const double v = voltage[i] + std::max(J[i], 0.0) * dt;
    const double spikes = std::floor(v);
    voltage[i] = v - spikes;
    a[i] = spikes * amplitude / dt;
  }
}

}  // namespace netsim::neurons
