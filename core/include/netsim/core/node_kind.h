#pragma once
// What every pass must know about a node kind, declared once. The builder (what is known
// before the step loop, how a kind is lowered), the YAML reader (which key introduces a
// kind), messages and the tests ask this table instead of keeping lists of their own.
//
// Adding a kind: add it to NodeKind and to kNodeKinds below (a static_assert checks the
// table covers the enum), then the compiler names every switch that must handle it
// (-Werror=switch: build_node, the YAML reader); tests/core/node_kind_test.cpp and the
// random-network tests exercise every kind of this table.

#include <array>
#include <string_view>

namespace netsim {

enum class NodeKind { input, constant, sequence, time, passthrough, activation, max_pooling, dropout, neurons };

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
};

inline constexpr std::array<NodeKindTraits, 9> kNodeKinds{{
    // kind                   name           yaml_key       input  apart  source stateful
    {NodeKind::input,       "input",       "input",       false, false, true,  false},
    {NodeKind::constant,    "constant",    "constant",    false, false, true,  false},
    {NodeKind::sequence,    "sequence",    "sequence",    false, false, true,  false},
    {NodeKind::time,        "time",        "time",        false, false, true,  false},
    {NodeKind::passthrough, "passthrough", "size",        true,  false, false, false},
    {NodeKind::activation,  "activation",  "size",        true,  true,  false, false},
    {NodeKind::max_pooling, "max_pooling", "max_pooling", true,  true,  false, false},
    {NodeKind::dropout,     "dropout",     "dropout",     true,  true,  false, false},
    // Neurons (neuron_type.h): types with state keep it per neuron; the kind is declared
    // stateful for all types, so a recurrence through neurons stays sequential.
    // YAML: the neurons of an `ensemble:` entry (NAME.neurons).
    {NodeKind::neurons,     "neurons",     "ensemble",    true,  true,  false, true},
}};

constexpr bool node_kind_table_in_enum_order() {
  for (std::size_t i = 0; i < kNodeKinds.size(); ++i)
    if (static_cast<std::size_t>(kNodeKinds[i].kind) != i) return false;
  return true;
}
static_assert(node_kind_table_in_enum_order(), "kNodeKinds: one row per NodeKind, in enum order");
static_assert(static_cast<std::size_t>(NodeKind::neurons) + 1 == kNodeKinds.size(),
              "kNodeKinds: a NodeKind has no row (the last enumerator must be the last row)");

constexpr const NodeKindTraits& traits(NodeKind kind) { return kNodeKinds[static_cast<std::size_t>(kind)]; }

}  // namespace netsim
