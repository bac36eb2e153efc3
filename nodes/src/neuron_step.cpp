#include "netsim/nodes/neuron_step.h"

#include <algorithm>
#include <cmath>

namespace netsim::nodes {
namespace {

// x' = s ln(1 + e^(x/s)), written to neither overflow nor lose small values.
double softplus(double x, double s) {
  const double z = x / s;
  return s * (z > 0.0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)));
}

double logistic(double x) { return x >= 0.0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x)); }

// LIF's rate as a function of j = J - 1 > 0 (or of its smoothed value), and its derivative.
double lif_rate_of(const NeuronType& t, double j) {
  return t.amplitude / (t.tau_ref_value() + t.tau_rc * std::log1p(1.0 / j));
}
double lif_rate_slope(const NeuronType& t, double j) {
  const double d = t.tau_ref_value() + t.tau_rc * std::log1p(1.0 / j);
  return t.amplitude * t.tau_rc / (d * d * j * (j + 1.0));
}

}  // namespace

double neuron_rate(const NeuronType& type, double J) {
  const NeuronType t = type.rate_twin();
  switch (t.kind) {
    case NeuronKind::lif_rate: {
      const double j = t.smoothing > 0.0 ? softplus(J - 1.0, t.smoothing) : J - 1.0;
      return j > 0.0 ? lif_rate_of(t, j) : 0.0;
    }
    case NeuronKind::rectified_linear: return t.amplitude * std::max(J, 0.0);
    case NeuronKind::sigmoid:
      return logistic(J) / t.tau_ref_value();
    case NeuronKind::tanh:
      return std::tanh(J) / t.tau_ref_value();
    case NeuronKind::lif:
    case NeuronKind::spiking_rectified_linear: break;  // rate_twin() made them rate types
  }
  return 0.0;
}

double neuron_rate_derivative(const NeuronType& type, double J) {
  const NeuronType t = type.rate_twin();
  switch (t.kind) {
    case NeuronKind::lif_rate: {
      if (t.smoothing > 0.0) {
        const double j = softplus(J - 1.0, t.smoothing);
        return j > 0.0 ? lif_rate_slope(t, j) * logistic((J - 1.0) / t.smoothing) : 0.0;
      }
      return J - 1.0 > 0.0 ? lif_rate_slope(t, J - 1.0) : 0.0;
    }
    case NeuronKind::rectified_linear: return J > 0.0 ? t.amplitude : 0.0;
    case NeuronKind::sigmoid: {
      const double s = logistic(J);
      return s * (1.0 - s) / t.tau_ref_value();
    }
    case NeuronKind::tanh: {
      const double th = std::tanh(J);
      return (1.0 - th * th) / t.tau_ref_value();
    }
    case NeuronKind::lif:
    case NeuronKind::spiking_rectified_linear: break;
  }
  return 0.0;
}

double lif_step(const NeuronType& t, double dt, double J, double& voltage, double& refractory) {
  refractory -= dt;
  const double delta = std::clamp(dt - refractory, 0.0, dt);
  voltage -= (J - voltage) * std::expm1(-delta / t.tau_rc);
  if (voltage > 1.0) {
    const double spike_time = dt + t.tau_rc * std::log1p(-(voltage - 1.0) / (J - 1.0));
    voltage = 0.0;
    refractory = t.tau_ref_value() + spike_time;
    return t.amplitude / dt;
  }
  voltage = std::max(voltage, t.min_voltage);
  return 0.0;
}

double spiking_rectified_linear_step(const NeuronType& t, double dt, double J, double& voltage) {
  voltage += std::max(J, 0.0) * dt;
  const double spikes = std::floor(voltage);
  voltage -= spikes;
  return spikes * t.amplitude / dt;
}

}  // namespace netsim::nodes
