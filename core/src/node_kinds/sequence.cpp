#include "netsim/core/node_kinds/sequence.h"

#include "netsim/core/error.h"
#include "netsim/core/node.h"

namespace netsim {

Node make_sequence_node(const std::string& name, MatrixD rows) {
  if (rows.rows() == 0) {
    throw ValidationError("node '" + name + "': sequence: expected at least one row");
  }
  if (!rows.allFinite()) {
    throw ValidationError("node '" + name + "': sequence: expected finite numbers");
  }
  const Index size = rows.cols();
  return Node::of(name, 0, size, SequenceNode{std::move(rows)});
}

}  // namespace netsim
