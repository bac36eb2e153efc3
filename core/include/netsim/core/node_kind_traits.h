#pragma once
// What every pass must know about a node kind (node_kind.h lists the kinds): each kind's
// spec (core/node_kinds/<kind>.h) declares its traits once, and the builder, the YAML
// reader, messages and the tests ask them instead of keeping lists of their own.

#include <string_view>

namespace netsim {

// One per alternative of NodeSpec (node_kind.h), in its order.
enum class NodeKind { input, constant, sequence, time, passthrough, activation, max_pooling, dropout, neurons, time_function, function, process };

struct NodeKindTraits {
  NodeKind kind;
  // "input", "passthrough", ...: messages, describe.
  std::string_view name;
  // The key that introduces the kind in a YAML `nodes:` entry ("size" for passthrough and
  // activation nodes: {size: 4} or {size: 4, activation: tanh}).
  std::string_view yaml_key;
  // Connections may end here (the node has an input signal).
  bool takes_input;
  // The summed input is a signal apart from the output, which an operator computes from it
  // (activation, max pooling, dropout, neurons; a passthrough's input is its output). The
  // identity_inputs rewrite (builder/.../rewrites.h) may let such a node read its one
  // source's output instead.
  bool input_apart;
  // A source: its value at step k depends on nothing but k and what the user supplied
  // (input data, a constant, a sequence, the time), never on other nodes or on state.
  bool source;
  // May keep state of its own from one step to the next (neurons: a type's state variables,
  // core/neurons/; the other kinds' state lives in synapses). Such a node is never known
  // before the step loop.
  bool stateful;
  // Its values are data bound at run time (Simulator::set_input, --input, a data: split).
  bool reads_data;

  // Its output is its summed input (a passthrough): what the LTI rewrite needs of a memory.
  constexpr bool output_is_input() const { return takes_input && !input_apart; }
};

}  // namespace netsim
