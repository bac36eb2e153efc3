#pragma once
// A time node: [t], t = k dt at step k (`{time: 1}`). A source.

#include <string>

#include "netsim/core/node_kind_traits.h"
#include "netsim/core/types.h"

namespace netsim {

struct Node;

struct TimeNode {
  static constexpr NodeKindTraits traits{NodeKind::time, "time", "time", false, false, true, false};
  std::string description() const { return "time"; }
};

Node make_time_node(const std::string& name);

}  // namespace netsim
