#pragma once
// Which signals' gradients the backward pass needs. Backprop returns the gradients of
// trainable weights only, so dL/d(signal) matters only for signals that depend on some
// trainable weight: what an operator with trainable weights writes, and what any operator
// writes from a signal that does, on to a fixed point (recurrences included). Everything
// else -- inputs, constants, and what is computed from them alone, such as a first layer's
// input -- needs none, and a VJP may skip it (BackwardStep::wants_gradient): the largest
// saving is the input gradient of a network's first dense or convolution layer.
//
// Operators say whether they hold trainable weights (Operator::has_trainable_weights,
// conservatively yes by default). Proven against the unpruned backward pass on generated
// networks (tests/builder/random_network_test.cpp) and by central differences
// (tests/optimizer/gradient_check_test.cpp).

#include <vector>

#include "netsim/builder/model.h"

namespace netsim {

// By SignalId: true where the backward pass must compute the gradient.
std::vector<bool> signals_needing_gradients(const Model& model);

}  // namespace netsim
