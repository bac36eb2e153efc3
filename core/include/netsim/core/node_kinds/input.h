#pragma once
// An input node: its output at step k is row k-1 of the data bound to the
// Simulator (docs/yaml.md: `{input: SIZE}`). A source.

#include <string>

#include "netsim/core/node_kind_traits.h"
#include "netsim/core/types.h"

namespace netsim {

struct Node;

struct InputNode {
  static constexpr NodeKindTraits traits{
      .kind = NodeKind::input,
      .name = "input",
      .yaml_key = "input",
      .takes_input = false,
      .input_apart = false,
      .source = true,
      .stateful = false,
      .reads_data = true};
  std::string description() const { return "input"; }
};

Node make_input_node(const std::string& name, Index size);

}  // namespace netsim
