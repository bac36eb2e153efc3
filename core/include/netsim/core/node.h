#pragma once
// A node of the graph: a name, its sizes and its kind's spec (node_kind.h lists the kinds;
// each spec's file says what the node computes).

#include <string>

#include "netsim/core/node_kind.h"
#include "netsim/core/types.h"

namespace netsim {

// Largest node size accepted (2^24 values per sequence); beyond it a description is
// almost certainly a typo, and sizes must fit the int indices of slices.
constexpr Index kMaxNodeSize = Index{1} << 24;

std::string to_string(NodeKind kind);  // traits(kind).name

struct Node {
  std::string name;
  Index size_in = 0;   // 0: takes no input
  Index size_out = 0;
  NodeSpec spec;

  static Node of(std::string name, Index size_in, Index size_out, NodeSpec spec);
  // Which alternative `spec` holds.
  NodeKind kind() const { return static_cast<NodeKind>(spec.index()); }
  // The spec if the node is of that kind, else nullptr.
  template <class Spec>
  const Spec* as() const { return std::get_if<Spec>(&spec); }
  // "passthrough", "tanh", "input", ...
  std::string description() const;
};

}  // namespace netsim
