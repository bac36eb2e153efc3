#pragma once
// The node factories, written once for Network and Subnetwork (which prefixes every name
// it creates): each builds the node through its kind's maker (core/node_kinds/<kind>.h),
// which checks the kind's own values and throws ValidationError naming the node.

#include <string>

#include "netsim/core/node.h"
#include "netsim/core/node_ref.h"
#include "netsim/core/types.h"

namespace netsim {

// `Self` provides full_name(name) (the name the node gets) and add_node(Node).
template <class Self>
class NodeFactory {
 public:
  NodeRef input(const std::string& name, Index size) { return add(make_input_node(full(name), size)); }
  NodeRef constant(const std::string& name, VectorD value) { return add(make_constant_node(full(name), std::move(value))); }
  NodeRef sequence(const std::string& name, MatrixD rows) { return add(make_sequence_node(full(name), std::move(rows))); }
  NodeRef time(const std::string& name) { return add(make_time_node(full(name))); }
  // Function nodes (node_kinds/function.h): f(t), or f(t, x) of the summed input.
  NodeRef function(const std::string& name, Index size_out, TimeFunction f, std::string text = "callable") {
    return add(make_time_function_node(full(name), size_out, std::move(f), std::move(text)));
  }
  NodeRef function(const std::string& name, Index size_in, Index size_out, InputFunction f, std::string text = "callable") {
    return add(make_function_node(full(name), size_in, size_out, std::move(f), std::move(text)));
  }
  // A process's values (core/process.h), seeded.
  NodeRef process(const std::string& name, Index size, Process p, std::uint64_t seed = 0) {
    return add(make_process_node(full(name), size, std::move(p), seed));
  }
  // Passthrough: output = summed input.
  NodeRef node(const std::string& name, Index size) { return add(make_passthrough_node(full(name), size)); }
  // Elementwise activation of the summed input.
  NodeRef node(const std::string& name, Index size, Activation activation) {
    return add(make_activation_node(full(name), size, activation));
  }
  // Max pooling of the summed input (an image of pooling.input, channels-last).
  NodeRef max_pooling(const std::string& name, const PoolingSpec& pooling) {
    return add(make_max_pooling_node(full(name), pooling));
  }
  // Dropout of the summed input in training runs (0 <= rate < 1), identity otherwise.
  NodeRef dropout(const std::string& name, Index size, double rate) { return add(make_dropout_node(full(name), size, rate)); }
  // Neurons (neuron_type.h): one per entry of `gain` (and `bias`, the same length); a type
  // with a voltage may give every neuron's initial voltage (else drawn from the seed).
  NodeRef neurons(const std::string& name, const NeuronType& type, VectorD gain, VectorD bias, VectorD initial_voltage = {}) {
    return add(make_neurons_node(full(name), type, std::move(gain), std::move(bias), std::move(initial_voltage)));
  }

 private:
  std::string full(const std::string& name) const { return static_cast<const Self&>(*this).full_name(name); }
  NodeRef add(Node node) { return static_cast<Self&>(*this).add_node(std::move(node)); }
};

}  // namespace netsim
