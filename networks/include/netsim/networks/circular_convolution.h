#pragma once
// Nengo 4.1's CircularConvolution: a ⊛ b (the binding of semantic pointers) through the
// Fourier domain: both inputs are mapped to the real and imaginary parts of their half
// spectra, multiplied pairwise by a Product of 4 (d/2 + 1) dimensions (input magnitude
// doubled), and mapped back:
//
//   NAME.input_a --DFT_a--> NAME.product.input_a      NAME.input_b --DFT_b--> NAME.product.input_b
//   NAME.product.output --inverse DFT--> NAME.output       (all synapse none)
//
// invert_a / invert_b conjugate an input's spectrum (its approximate inverse: unbinding).
// The transforms are Nengo's, as its code forms them (every row kept).

#include <string>

#include "netsim/networks/product.h"

namespace netsim::networks {

struct CircularConvolutionOptions {
  Index n_neurons = 200;  // per product dimension
  Index dimensions = 1;
  bool invert_a = false, invert_b = false;
  double input_magnitude = 1.0;
  EnsembleOptions ensemble;
  std::uint64_t seed = 0;
};

struct CircularConvolutionPorts {
  NodeRef input_a, input_b, output;
  ProductPorts product;
};

CircularConvolutionPorts circular_convolution(Network& network, const std::string& name, const CircularConvolutionOptions& options);

// The transforms (exposed for tests): into the product for input `a` or `b`, and out of it.
MatrixD circular_convolution_transform_in(Index dimensions, bool align_a, bool invert);
MatrixD circular_convolution_transform_out(Index dimensions);

}  // namespace netsim::networks
