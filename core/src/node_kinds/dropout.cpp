#include "netsim/core/node_kinds/dropout.h"

#include "netsim/core/error.h"
#include "netsim/core/node.h"

namespace netsim {

Node make_dropout_node(const std::string& name, Index size, double rate) {
  if (!(rate >= 0.0 && rate < 1.0)) {
    throw ValidationError("node '" + name + "': dropout: rate: expected a number in [0, 1), got " + std::to_string(rate));
  }
  return Node::of(name, size, size, DropoutNode{rate});
}

}  // namespace netsim
