#pragma once
// A max pooling node: the largest of the summed inputs in each window, channel by channel
// (image_window.h; like Keras's MaxPooling2D), same step (`{max_pooling: {...}}`).

#include <string>

#include "netsim/core/image_window.h"
#include "netsim/core/node_kind_traits.h"
#include "netsim/core/types.h"

namespace netsim {

struct Node;

struct MaxPoolingNode {
  static constexpr NodeKindTraits traits{
      .kind = NodeKind::max_pooling,
      .name = "max_pooling",
      .yaml_key = "max_pooling",
      .takes_input = true,
      .input_apart = true,
      .source = false,
      .stateful = false,
      .reads_data = false};
  PoolingSpec pooling;

  std::string description() const { return "max_pooling " + pooling.to_string(); }
};

Node make_max_pooling_node(const std::string& name, const PoolingSpec& pooling);

}  // namespace netsim
