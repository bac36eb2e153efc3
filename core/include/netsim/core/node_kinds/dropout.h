#pragma once
// A dropout node: the sum of its inputs; in training runs each value is zeroed with
// probability `rate` and the rest scaled by 1/(1 - rate), a fresh draw every step and
// sequence (Keras's Dropout), same step (`{dropout: {size: N, rate: R}}`).

#include <string>

#include "netsim/core/node_kind_traits.h"
#include "netsim/core/types.h"

namespace netsim {

struct Node;

struct DropoutNode {
  static constexpr NodeKindTraits traits{
      .kind = NodeKind::dropout,
      .name = "dropout",
      .yaml_key = "dropout",
      .takes_input = true,
      .input_apart = true,
      .source = false,
      .stateful = false,
      .reads_data = false};
  double rate = 0.0;

  std::string description() const { return "dropout " + std::to_string(rate).substr(0, 4); }
};

Node make_dropout_node(const std::string& name, Index size, double rate);

}  // namespace netsim
