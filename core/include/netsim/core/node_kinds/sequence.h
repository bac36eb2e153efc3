#pragma once
// A sequence node: row (k-1) mod rows of the given matrix at step k (repeats, like Nengo's
// PresentInput; `{sequence: [[...], ...]}`). A source.

#include <string>

#include "netsim/core/node_kind_traits.h"
#include "netsim/core/types.h"

namespace netsim {

struct Node;

struct SequenceNode {
  static constexpr NodeKindTraits traits{NodeKind::sequence, "sequence", "sequence", false, false, true, false};
  MatrixD rows;  // (steps x size)

  std::string description() const { return "sequence"; }
};

Node make_sequence_node(const std::string& name, MatrixD rows);

}  // namespace netsim
