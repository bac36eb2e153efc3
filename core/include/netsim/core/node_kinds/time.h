#pragma once
// A time node: [t], t = k dt at step k (`{time: 1}`). A source.

#include <string>

#include "netsim/core/node_kind_traits.h"
#include "netsim/core/types.h"

namespace netsim {

struct Node;

struct TimeNode {
  static constexpr NodeKindTraits traits{
      .kind = NodeKind::time,
      .name = "time",
      .yaml_key = "time",
      .takes_input = false,
      .input_apart = false,
      .source = true,
      .stateful = false,
      .reads_data = false};
  std::string description() const { return "time"; }
};

Node make_time_node(const std::string& name);

}  // namespace netsim
