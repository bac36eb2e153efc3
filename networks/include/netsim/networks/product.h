#pragma once
// Nengo 4.1's Product: the elementwise product of two vectors, as ((a+b)² - (a-b)²) / 4 in
// two ensemble arrays of 1-D ensembles (n_neurons / 2 each, radius input_magnitude √2):
//
//   NAME.input_a, NAME.input_b --(±1/√2, synapse none)--> NAME.sq1 / NAME.sq2
//   NAME.sq1.square --(+1/2)--> NAME.output <--(-1/2)-- NAME.sq2.square   (synapse none)

#include <string>

#include "netsim/networks/ensemble_array.h"

namespace netsim::networks {

struct ProductOptions {
  Index n_neurons = 100;   // per dimension (half in each array)
  Index dimensions = 1;
  double input_magnitude = 1.0;
  EnsembleOptions ensemble;  // the ensembles' other parameters
  std::uint64_t seed = 0;
};

struct ProductPorts {
  NodeRef input_a, input_b, output;
  EnsembleArray sq1, sq2;
};

ProductPorts product(Network& network, const std::string& name, const ProductOptions& options);

}  // namespace netsim::networks
