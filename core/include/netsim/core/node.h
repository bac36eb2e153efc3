#pragma once
// A node of the graph. Its output at step k (t = k dt), by kind:
//   input        data[batch, k-1, :] supplied to the Simulator (no inputs allowed)
//   constant     the given value, every step
//   sequence     row (k-1) mod rows of the given matrix (repeats, like PresentInput)
//   time         [t]
//   passthrough  the sum of its inputs, same step (its output *is* its input signal)
//   activation   f(sum of inputs), elementwise, same step
//   max_pooling  the largest of the summed inputs in each window, channel by channel
//                (image_window.h; like Keras's MaxPooling2D), same step
//   dropout      the sum of its inputs; in training runs each value is zeroed with
//                probability `rate` and the rest scaled by 1/(1 - rate), a fresh draw
//                every step and sequence (Keras's Dropout), same step
//   neurons      a = f(J), J = bias + gain * (sum of inputs), per neuron (neuron_type.h);
//                spiking types keep voltage and refractory time across steps, same step

#include <string>

#include "netsim/core/image_window.h"
#include "netsim/core/neuron_type.h"
#include "netsim/core/node_kind.h"
#include "netsim/core/types.h"

namespace netsim {

// Largest node size accepted (2^24 values per sequence); beyond it a description is
// almost certainly a typo, and sizes must fit the int indices of slices.
constexpr Index kMaxNodeSize = Index{1} << 24;

enum class Activation { identity, tanh, relu, sigmoid };

std::string to_string(NodeKind kind);  // traits(kind).name
std::string to_string(Activation activation);
// "tanh" -> Activation::tanh; throws ValidationError listing the known names otherwise.
Activation parse_activation(const std::string& name);

struct Node {
  std::string name;
  NodeKind kind = NodeKind::passthrough;
  Index size_in = 0;   // 0: takes no input
  Index size_out = 0;
  VectorD value;       // constant
  MatrixD rows;        // sequence: (steps x size_out)
  Activation activation = Activation::identity;
  PoolingSpec pooling;  // max_pooling
  double rate = 0.0;    // dropout
  NeuronType neuron;         // neurons
  VectorD gain, bias;        // neurons: one per neuron
  VectorD initial_voltage;   // neurons of a spiking type; empty: uniform in [0, 1) from the seed

  // "passthrough", "tanh", "input", ...
  std::string description() const;
};

}  // namespace netsim
