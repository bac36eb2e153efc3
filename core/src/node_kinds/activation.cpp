#include "netsim/core/node_kinds/activation.h"

#include "netsim/core/node.h"

namespace netsim {

Node make_activation_node(const std::string& name, Index size, Activation activation) {
  return Node::of(name, size, size, ActivationNode{activation});
}

}  // namespace netsim
