#include "netsim/core/node_kinds/input.h"

#include "netsim/core/node.h"

namespace netsim {

Node make_input_node(const std::string& name, Index size) {
  return Node::of(name, 0, size, InputNode{});
}

}  // namespace netsim
