#include "netsim/core/node_kinds/max_pooling.h"

#include "netsim/core/node.h"

namespace netsim {

Node make_max_pooling_node(const std::string& name, const PoolingSpec& pooling) {
  pooling.check("node '" + name + "': max_pooling");
  return Node::of(name, pooling.input.size(), pooling.output().size(), MaxPoolingNode{pooling});
}

}  // namespace netsim
