#include "netsim/core/node_factory.h"

#include "netsim/core/error.h"

namespace netsim {
namespace {

Node make_node(const std::string& name, NodeKind kind, Index size_in, Index size_out) {
  Node n;
  n.name = name;
  n.kind = kind;
  n.size_in = size_in;
  n.size_out = size_out;
  return n;
}

}  // namespace

Node make_input_node(const std::string& name, Index size) {
  return make_node(name, NodeKind::input, 0, size);
}

Node make_constant_node(const std::string& name, VectorD value) {
  if (value.size() > 0 && !value.allFinite()) {
    throw ValidationError("node '" + name + "': constant: expected finite numbers");
  }
  Node n = make_node(name, NodeKind::constant, 0, value.size());
  n.value = std::move(value);
  return n;
}

Node make_sequence_node(const std::string& name, MatrixD rows) {
  if (rows.rows() == 0) {
    throw ValidationError("node '" + name + "': sequence: expected at least one row");
  }
  if (!rows.allFinite()) {
    throw ValidationError("node '" + name + "': sequence: expected finite numbers");
  }
  Node n = make_node(name, NodeKind::sequence, 0, rows.cols());
  n.rows = std::move(rows);
  return n;
}

Node make_time_node(const std::string& name) {
  return make_node(name, NodeKind::time, 0, 1);
}

Node make_passthrough_node(const std::string& name, Index size) {
  return make_node(name, NodeKind::passthrough, size, size);
}

Node make_activation_node(const std::string& name, Index size, Activation activation) {
  Node n = make_node(name, NodeKind::activation, size, size);
  n.activation = activation;
  return n;
}

Node make_max_pooling_node(const std::string& name, const PoolingSpec& pooling) {
  pooling.check("node '" + name + "': max_pooling");
  Node n = make_node(name, NodeKind::max_pooling, pooling.input.size(), pooling.output().size());
  n.pooling = pooling;
  return n;
}

Node make_dropout_node(const std::string& name, Index size, double rate) {
  if (!(rate >= 0.0 && rate < 1.0)) {
    throw ValidationError("node '" + name + "': dropout: rate: expected a number in [0, 1), got " + std::to_string(rate));
  }
  Node n = make_node(name, NodeKind::dropout, size, size);
  n.rate = rate;
  return n;
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
  Node n = make_node(name, NodeKind::neurons, gain.size(), gain.size());
  n.neuron = type;
  n.gain = std::move(gain);
  n.bias = std::move(bias);
  n.initial_voltage = std::move(initial_voltage);
  return n;
}

}  // namespace netsim
