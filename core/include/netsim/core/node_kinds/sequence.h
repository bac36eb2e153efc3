#pragma once
// A sequence node: row (k-1) mod rows of the given matrix at step k (repeats, like Nengo's
// PresentInput; `{sequence: [[...], ...]}`). A source.

#include <string>

#include "netsim/core/node_kind_traits.h"
#include "netsim/core/types.h"

namespace netsim {

struct Node;

struct SequenceNode {
  static constexpr NodeKindTraits traits{
      .kind = NodeKind::sequence,
      .name = "sequence",
      .yaml_key = "sequence",
      .takes_input = false,
      .input_apart = false,
      .source = true,
      .stateful = false,
      .reads_data = false};
  MatrixD rows;  // (steps x size)

  std::string description() const { return "sequence"; }
};

Node make_sequence_node(const std::string& name, MatrixD rows);

}  // namespace netsim
