#include "netsim/core/node.h"

namespace netsim {

std::string to_string(NodeKind kind) { return std::string(traits(kind).name); }

Node Node::of(std::string name, Index size_in, Index size_out, NodeSpec spec) {
  Node n;
  n.name = std::move(name);
  n.kind = static_cast<NodeKind>(spec.index());
  n.size_in = size_in;
  n.size_out = size_out;
  n.spec = std::move(spec);
  return n;
}

std::string Node::description() const {
  return std::visit([](const auto& s) { return s.description(); }, spec);
}

}  // namespace netsim
