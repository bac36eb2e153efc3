#pragma once
// An activation node: f(sum of inputs), elementwise, same step
// (`{size: N, activation: tanh}`).

#include <string>

#include "netsim/core/activation.h"
#include "netsim/core/node_kind_traits.h"
#include "netsim/core/types.h"

namespace netsim {

struct Node;

struct ActivationNode {
  static constexpr NodeKindTraits traits{
      .kind = NodeKind::activation,
      .name = "activation",
      .yaml_key = "size",
      .takes_input = true,
      .input_apart = true,
      .source = false,
      .stateful = false,
      .reads_data = false};
  Activation activation = Activation::identity;

  std::string description() const { return to_string(activation); }
};

Node make_activation_node(const std::string& name, Index size, Activation activation);

}  // namespace netsim
