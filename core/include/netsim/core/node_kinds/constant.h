#pragma once
// A constant node: the given value, every step (`{constant: [values]}`). A source.

#include <string>

#include "netsim/core/node_kind_traits.h"
#include "netsim/core/types.h"

namespace netsim {

struct Node;

struct ConstantNode {
  static constexpr NodeKindTraits traits{
      .kind = NodeKind::constant,
      .name = "constant",
      .yaml_key = "constant",
      .takes_input = false,
      .input_apart = false,
      .source = true,
      .stateful = false,
      .reads_data = false};
  VectorD value;

  std::string description() const { return "constant"; }
};

Node make_constant_node(const std::string& name, VectorD value);

}  // namespace netsim
