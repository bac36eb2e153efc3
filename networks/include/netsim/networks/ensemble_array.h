#pragma once
// Nengo 4.1's EnsembleArray: n_ensembles ensembles of ens_dimensions each, side by side,
// behind one input node and one output node (docs/nef.md, "Networks"):
//
//   NAME.input (n_ensembles * ens_dimensions) --slice i, synapse none--> NAME.e<i> (ensemble)
//   NAME.e<i> --decoded, synapse none--> NAME.output (slice i)
//
// add_output() adds another decoded output node (a function of each ensemble's value),
// add_neuron_input() a node reaching every neuron (Nengo's neuron_input).
//
//   auto ea = netsim::networks::ensemble_array(net, "ea", {.n_neurons = 50, .n_ensembles = 4});
//   net.connect(u, ea.input);
//   auto sq = netsim::networks::add_output(net, ea, "square", {.function = square});

#include <string>
#include <vector>

#include "netsim/networks/ensemble.h"

namespace netsim::networks {

struct EnsembleArrayOptions {
  Index n_neurons = 50;       // per ensemble
  Index n_ensembles = 1;
  Index ens_dimensions = 1;
  EnsembleOptions ensemble;   // every ensemble's parameters (its n_neurons, dimensions and seed are set here)
  Decoding output_decoding;   // the decoders of NAME.output (their function is ignored: the identity)
  std::uint64_t seed = 0;     // ensemble i's seed is derived from it and i
};

struct EnsembleArray {
  std::string name;
  NodeRef input, output;
  std::vector<EnsemblePorts> ensembles;
  Index ens_dimensions = 1;
  Index dimensions() const { return static_cast<Index>(ensembles.size()) * ens_dimensions; }
};

EnsembleArray ensemble_array(Network& network, const std::string& name, const EnsembleArrayOptions& options);

// A node NAME.<output> of n_ensembles * k values, k the function's size (the ensembles'
// dimensions for the identity), fed by each ensemble's decoded function through `options`
// (synapse none by default, as Nengo's add_output).
NodeRef add_output(Network& network, const EnsembleArray& array, const std::string& output, const Decoding& decoding = {},
                   ConnectionOptions options = {});

// A passthrough NAME.neuron_input of every neuron, each ensemble's slice into its neurons
// (synapse none); made once, returned after.
NodeRef add_neuron_input(Network& network, const EnsembleArray& array);

}  // namespace netsim::networks
