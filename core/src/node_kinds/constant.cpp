#include "netsim/core/node_kinds/constant.h"

#include "netsim/core/error.h"
#include "netsim/core/node.h"

namespace netsim {

Node make_constant_node(const std::string& name, VectorD value) {
  if (value.size() > 0 && !value.allFinite()) {
    throw ValidationError("node '" + name + "': constant: expected finite numbers");
  }
  const Index size = value.size();
  return Node::of(name, 0, size, ConstantNode{std::move(value)});
}

}  // namespace netsim
