#include "netsim/core/node_kinds/passthrough.h"

#include "netsim/core/node.h"

namespace netsim {

Node make_passthrough_node(const std::string& name, Index size) {
  return Node::of(name, size, size, PassthroughNode{});
}

}  // namespace netsim
