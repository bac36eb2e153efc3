#include "netsim/core/neurons/tanh.h"

#include <cmath>

#include "rate_math.h"

namespace netsim::neurons {

void Tanh::gain_bias(double max_rate, double intercept, const std::string& where, double& gain, double& bias) const {
  check_tuning(max_rate, intercept, where);
  check_below_ceiling(max_rate, tau_ref, where, name);
  const double u = std::atanh(max_rate * tau_ref);
  gain = u / (1.0 - intercept);
  bias = -gain * intercept;
}

double Tanh::rate(double J) const { return std::tanh(J) / tau_ref; }

double Tanh::rate_derivative(double J) const {
  const double th = std::tanh(J);
  return (1.0 - th * th) / tau_ref;
}

}  // namespace netsim::neurons
