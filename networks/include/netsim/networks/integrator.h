#pragma once
// The integrator and the oscillator of Nengo's examples (Nengo 2's networks Integrator and
// Oscillator; Nengo 4.1 builds them by hand in its notebooks): one recurrently connected
// ensemble NAME.ensemble behind an input node NAME.input.
//
//   integrator:  NAME.input --τ, lowpass τ--> ens --identity, lowpass τ--> ens      dx/dt = u
//   oscillator:  NAME.input --τ, lowpass τ--> ens --[[1, -ωτ], [ωτ, 1]], lowpass τ--> ens
//                (2-D; ω the angular frequency in rad/s)
// The ensemble is the output: connections out of it decode.

#include <string>

#include "netsim/networks/ensemble.h"

namespace netsim::networks {

struct IntegratorOptions {
  double recurrent_tau = 0.1;
  Index n_neurons = 100;
  Index dimensions = 1;
  EnsembleOptions ensemble;  // its other parameters (n_neurons and dimensions are set here)
  std::uint64_t seed = 0;
};

struct OscillatorOptions {
  double recurrent_tau = 0.1;
  double frequency = 1.0;  // rad/s
  Index n_neurons = 200;
  EnsembleOptions ensemble;
  std::uint64_t seed = 0;
};

struct RecurrentEnsemblePorts {
  NodeRef input;
  EnsemblePorts ensemble;  // the output
};

RecurrentEnsemblePorts integrator(Network& network, const std::string& name, const IntegratorOptions& options);
RecurrentEnsemblePorts oscillator(Network& network, const std::string& name, const OscillatorOptions& options);

}  // namespace netsim::networks
