#include "netsim/core/neurons/adaptive_lif.h"

namespace netsim::neurons {

double AdaptiveLifRate::step(double dt, double J, double* state) const {
  double& n = state[0];
  const double a = rate(J - n);
  n += (dt / tau_n) * (inc_n * a - n);
  return a;
}

double AdaptiveLif::step(double dt, double J, double* state) const {
  double& n = state[2];
  const double a = Lif{.tau_rc = tau_rc, .tau_ref = tau_ref, .min_voltage = min_voltage, .amplitude = amplitude}.step(dt, J - n, state);
  n += (dt / tau_n) * (inc_n * a - n);
  return a;
}

}  // namespace netsim::neurons
