#pragma once
// A passthrough node: the sum of its inputs, same step; its output *is* its input signal
// (`{size: N}`).

#include <string>

#include "netsim/core/node_kind_traits.h"
#include "netsim/core/types.h"

namespace netsim {

struct Node;

struct PassthroughNode {
  static constexpr NodeKindTraits traits{
      .kind = NodeKind::passthrough,
      .name = "passthrough",
      .yaml_key = "size",
      .takes_input = true,
      .input_apart = false,
      .source = false,
      .stateful = false,
      .reads_data = false};
  std::string description() const { return "passthrough"; }
};

Node make_passthrough_node(const std::string& name, Index size);

}  // namespace netsim
