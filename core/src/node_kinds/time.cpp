#include "netsim/core/node_kinds/time.h"

#include "netsim/core/node.h"

namespace netsim {

Node make_time_node(const std::string& name) {
  return Node::of(name, 0, 1, TimeNode{});
}

}  // namespace netsim
