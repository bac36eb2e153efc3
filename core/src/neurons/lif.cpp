#include "netsim/core/neurons/lif.h"

#include <algorithm>
#include <cmath>

#include "rate_math.h"

namespace netsim::neurons {
namespace {

// The rate as a function of j = J - 1 > 0 (or of its smoothed value), and its derivative.
double rate_of(const LifRate& t, double j) { return t.amplitude / (t.tau_ref + t.tau_rc * std::log1p(1.0 / j)); }
double slope_of(const LifRate& t, double j) {
  const double d = t.tau_ref + t.tau_rc * std::log1p(1.0 / j);
  return t.amplitude * t.tau_rc / (d * d * j * (j + 1.0));
}

}  // namespace

void lif_gain_bias(double tau_rc, double tau_ref, double max_rate, double intercept, const std::string& where,
                   std::string_view type, double& gain, double& bias) {
  check_tuning(max_rate, intercept, where);
  check_below_ceiling(max_rate, tau_ref, where, type);
  const double z = 1.0 / (1.0 - std::exp((tau_ref - 1.0 / max_rate) / tau_rc));
  gain = (1.0 - z) / (intercept - 1.0);
  bias = 1.0 - gain * intercept;
}

double LifRate::rate(double J) const {
  const double j = smoothing > 0.0 ? softplus(J - 1.0, smoothing) : J - 1.0;
  return j > 0.0 ? rate_of(*this, j) : 0.0;
}

double LifRate::rate_derivative(double J) const {
  if (smoothing > 0.0) {
    const double j = softplus(J - 1.0, smoothing);
    return j > 0.0 ? slope_of(*this, j) * logistic((J - 1.0) / smoothing) : 0.0;
  }
  return J - 1.0 > 0.0 ? slope_of(*this, J - 1.0) : 0.0;
}

double Lif::step(double dt, double J, double* state) const {
  double& voltage = state[0];
  double& refractory = state[1];
  refractory -= dt;
  const double delta = std::clamp(dt - refractory, 0.0, dt);
  voltage -= (J - voltage) * std::expm1(-delta / tau_rc);
  if (voltage > 1.0) {
    const double spike_time = dt + tau_rc * std::log1p(-(voltage - 1.0) / (J - 1.0));
    voltage = 0.0;
    refractory = tau_ref + spike_time;
    return amplitude / dt;
  }
  voltage = std::max(voltage, min_voltage);
  return 0.0;
}

void Lif::step_row(double dt, const double* J, double* a, double* state, Index n) const {
  const double full_step = std::expm1(-dt / tau_rc);  // delta = dt, as step() computes it
  for (Index i = 0; i < n; ++i) {
    double& voltage = state[2 * i];
    double& refractory = state[2 * i + 1];
    refractory -= dt;
    // refractory <= 0: clamp(dt - refractory, 0, dt) is dt exactly, so the factor is
    // full_step; refractory >= dt: the clamp gives +0, and expm1(-0 / tau_rc) is -0; in
    // between, step()'s own expression.
    const double factor = refractory <= 0.0  ? full_step
                          : refractory >= dt ? -0.0
                                             : std::expm1(-std::clamp(dt - refractory, 0.0, dt) / tau_rc);
    voltage -= (J[i] - voltage) * factor;
    if (voltage > 1.0) {
      const double spike_time = dt + tau_rc * std::log1p(-(voltage - 1.0) / (J[i] - 1.0));
      voltage = 0.0;
      refractory = tau_ref + spike_time;
      a[i] = amplitude / dt;
    } else {
      voltage = std::max(voltage, min_voltage);
      a[i] = 0.0;
    }
  }
}

}  // namespace netsim::neurons
