#pragma once
// The node kinds: one spec per kind in core/node_kinds/<kind>.h (its traits, its values,
// its description and its maker), listed once here as the alternatives of NodeSpec.
//
// Adding a kind: write its spec file (and its maker's .cpp), add it to NodeKind
// (node_kind_traits.h) and to NodeSpec below (static_asserts check they agree), add its
// factory method to node_factory.h; then the compiler names what must handle it: the
// builder's lowering (build_node.cpp, an overload per spec) and the YAML reader's switch
// (node_reader.cpp, -Werror=switch). tests/core/node_kind_test.cpp and the random-network
// tests exercise every kind of this list.

#include <array>
#include <variant>

#include "netsim/core/node_kind_traits.h"
#include "netsim/core/node_kinds/activation.h"
#include "netsim/core/node_kinds/constant.h"
#include "netsim/core/node_kinds/dropout.h"
#include "netsim/core/node_kinds/function.h"
#include "netsim/core/node_kinds/input.h"
#include "netsim/core/node_kinds/max_pooling.h"
#include "netsim/core/node_kinds/neurons.h"
#include "netsim/core/node_kinds/passthrough.h"
#include "netsim/core/node_kinds/process.h"
#include "netsim/core/node_kinds/sequence.h"
#include "netsim/core/node_kinds/time.h"

namespace netsim {

// A node's kind-specific values: one alternative per kind, in NodeKind's order.
using NodeSpec = std::variant<InputNode, ConstantNode, SequenceNode, TimeNode, PassthroughNode, ActivationNode,
                              MaxPoolingNode, DropoutNode, NeuronsNode, TimeFunctionNode, FunctionNode,
                              ProcessNode>;

// Every kind's traits, in NodeKind's order, read off the specs.
inline constexpr auto kNodeKinds = []<std::size_t... I>(std::index_sequence<I...>) {
  return std::array<NodeKindTraits, sizeof...(I)>{std::variant_alternative_t<I, NodeSpec>::traits...};
}(std::make_index_sequence<std::variant_size_v<NodeSpec>>{});

constexpr bool node_kinds_in_enum_order() {
  for (std::size_t i = 0; i < kNodeKinds.size(); ++i)
    if (static_cast<std::size_t>(kNodeKinds[i].kind) != i) return false;
  return true;
}
static_assert(node_kinds_in_enum_order(), "NodeSpec: one alternative per NodeKind, in enum order");
static_assert(static_cast<std::size_t>(NodeKind::process) + 1 == kNodeKinds.size(),
              "NodeSpec: a NodeKind has no alternative (the last enumerator must be the last alternative)");

constexpr const NodeKindTraits& traits(NodeKind kind) { return kNodeKinds[static_cast<std::size_t>(kind)]; }

}  // namespace netsim
