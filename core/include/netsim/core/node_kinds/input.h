#pragma once
// An input node: its output at step k is row k-1 of the data bound to the
// Simulator (docs/yaml.md: `{input: SIZE}`). A source.

#include <string>

#include "netsim/core/node_kind_traits.h"
#include "netsim/core/types.h"

namespace netsim {

struct Node;

struct InputNode {
  static constexpr NodeKindTraits traits{NodeKind::input, "input", "input", false, false, true, false};
  std::string description() const { return "input"; }
};

Node make_input_node(const std::string& name, Index size);

}  // namespace netsim
