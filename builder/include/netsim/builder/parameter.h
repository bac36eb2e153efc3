#pragma once
// A connection's weights as the simulator uses them (float32), keyed by the connection's
// name. Shape: dense [post x pre]; diagonal [n x 1]; scalar [1 x 1].

#include <string>

#include "netsim/core/types.h"

namespace netsim {

struct Parameter {
  enum class Layout { dense, diagonal, scalar };

  std::string name;  // the connection's key: its name or "pre->post"
  Matrix value;
  bool trainable = false;
  Layout layout = Layout::dense;
  int index = -1;  // position in Model::parameters (and in every gradient list)
};

}  // namespace netsim
