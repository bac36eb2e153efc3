#include "netsim/core/node.h"

namespace netsim {

std::string to_string(NodeKind kind) { return std::string(traits(kind).name); }

Node Node::of(std::string name, Index size_in, Index size_out, NodeSpec spec) {
  return {std::move(name), size_in, size_out, std::move(spec)};
}

std::string Node::description() const {
  return std::visit([](const auto& s) { return s.description(); }, spec);
}

}  // namespace netsim
