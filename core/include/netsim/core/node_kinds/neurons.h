#pragma once
// A neurons node: a = f(J), J = bias + gain * (sum of inputs), per neuron, same step
// (neuron_type.h). YAML: the neurons of an `ensemble:` entry (NAME.neurons), or
// `{size: N, neurons: TYPE}`. Declared stateful for every type, so a recurrence through
// neurons stays sequential; types with state keep it per neuron.

#include <string>

#include "netsim/core/neuron_type.h"
#include "netsim/core/node_kind_traits.h"
#include "netsim/core/types.h"

namespace netsim {

struct Node;

struct NeuronsNode {
  static constexpr NodeKindTraits traits{
      .kind = NodeKind::neurons,
      .name = "neurons",
      .yaml_key = "ensemble",
      .takes_input = true,
      .input_apart = true,
      .source = false,
      .stateful = true,
      .reads_data = false};
  NeuronType type;
  VectorD gain, bias;        // one per neuron
  VectorD initial_voltage;   // a type with a voltage; empty: uniform in [0, 1) from the seed

  std::string description() const { return to_string(type) + " neurons"; }
};

// The neuron type of a neurons node; nullptr for a node of another kind.
const NeuronType* neuron_type_of(const Node& node);

Node make_neurons_node(const std::string& name, const NeuronType& type, VectorD gain, VectorD bias,
                       VectorD initial_voltage);

}  // namespace netsim
