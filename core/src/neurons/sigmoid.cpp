#include "netsim/core/neurons/sigmoid.h"

#include <cmath>

#include "rate_math.h"

namespace netsim::neurons {

void Sigmoid::gain_bias(double max_rate, double intercept, const std::string& where, double& gain, double& bias) const {
  check_tuning(max_rate, intercept, where);
  check_below_ceiling(max_rate, tau_ref, where, name);
  const double u = -std::log(1.0 / (tau_ref * max_rate) - 1.0);
  gain = u / (1.0 - intercept);
  bias = u - gain;
}

double Sigmoid::rate(double J) const { return logistic(J) / tau_ref; }

double Sigmoid::rate_derivative(double J) const {
  const double s = logistic(J);
  return s * (1.0 - s) / tau_ref;
}

}  // namespace netsim::neurons
