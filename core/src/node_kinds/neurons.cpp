#include "netsim/core/node_kinds/neurons.h"

#include "netsim/core/error.h"
#include "netsim/core/node.h"

namespace netsim {

const NeuronType* neuron_type_of(const Node& node) {
  const auto* spec = node.as<NeuronsNode>();
  return spec ? &spec->type : nullptr;
}

Node make_neurons_node(const std::string& name, const NeuronType& type, VectorD gain, VectorD bias, VectorD initial_voltage) {
  const std::string where = "node '" + name + "'";
  check(type, where + ": " + to_string(type));
  if (gain.size() == 0) throw ValidationError(where + ": gain: expected one value per neuron, got none");
  if (bias.size() != gain.size()) {
    throw ValidationError(where + ": bias: expected " + std::to_string(gain.size()) + " values (one per neuron), got " +
                          std::to_string(bias.size()));
  }
  if (!gain.allFinite() || !bias.allFinite()) throw ValidationError(where + ": gain, bias: expected finite numbers");
  if (initial_voltage.size() > 0) {
    if (state_index(type, "voltage") < 0) {
      throw ValidationError(where + ": initial_voltage: " + to_string(type) + " neurons have no voltage (only " +
                            types_with_state("voltage") + ")");
    }
    if (initial_voltage.size() != gain.size()) {
      throw ValidationError(where + ": initial_voltage: expected " + std::to_string(gain.size()) + " values (one per neuron), got " +
                            std::to_string(initial_voltage.size()));
    }
    if (!initial_voltage.allFinite()) throw ValidationError(where + ": initial_voltage: expected finite numbers");
  }
  const Index n = gain.size();
  return Node::of(name, n, n, NeuronsNode{type, std::move(gain), std::move(bias), std::move(initial_voltage)});
}

}  // namespace netsim
