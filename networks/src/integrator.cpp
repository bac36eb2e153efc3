#include "netsim/networks/integrator.h"

#include <cmath>

#include "netsim/core/error.h"

namespace netsim::networks {
namespace {

RecurrentEnsemblePorts recurrent(Network& network, const std::string& name, const char* kind, double tau, Index n, Index d,
                                 EnsembleOptions e, std::uint64_t seed, const MatrixD& feedback) {
  if (!(tau > 0.0) || !std::isfinite(tau))
    throw ValidationError(std::string(kind) + " '" + name + "': recurrent_tau: expected a number > 0");
  RecurrentEnsemblePorts p;
  p.input = network.node(name + ".input", d);
  e.n_neurons = n;
  e.dimensions = d;
  e.seed = seed;
  p.ensemble = ensemble(network, name + ".ensemble", e);
  network.connect(p.input, p.ensemble.value, {.transform = tau, .synapse = Synapse::lowpass(tau)});
  connect_function(network, p.ensemble, p.ensemble.value, {}, {.transform = Transform::dense(feedback), .synapse = Synapse::lowpass(tau)});
  return p;
}

}  // namespace

RecurrentEnsemblePorts integrator(Network& network, const std::string& name, const IntegratorOptions& o) {
  if (o.dimensions < 1) throw ValidationError("integrator '" + name + "': dimensions: expected a positive number");
  return recurrent(network, name, "integrator", o.recurrent_tau, o.n_neurons, o.dimensions, o.ensemble, o.seed,
                   MatrixD::Identity(o.dimensions, o.dimensions));
}

RecurrentEnsemblePorts oscillator(Network& network, const std::string& name, const OscillatorOptions& o) {
  MatrixD feedback(2, 2);
  const double w = o.frequency * o.recurrent_tau;
  feedback << 1.0, -w, w, 1.0;
  return recurrent(network, name, "oscillator", o.recurrent_tau, o.n_neurons, 2, o.ensemble, o.seed, feedback);
}

}  // namespace netsim::networks
