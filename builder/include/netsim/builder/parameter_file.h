#pragma once
// Parameter files: a simulator's connection weights as an .npz archive, one float32 array
// per connection that holds weights, keyed by the connection's key (its `name`, or
// "pre->post"). Shapes: dense (post, pre); diagonal (n,); scalar ().
//
//   netsim::save_params(sim, "trained.npz");
//   netsim::load_params(other_sim, "trained.npz");   // same network description
//
// Loading checks everything before changing anything: every key must name a connection
// with weights, every shape must match, and every connection with weights must be in the
// file (unless `allow_missing`). Errors are ValidationError naming the file and the key.

#include <string>

#include "netsim/builder/simulator.h"

namespace netsim {

void save_params(const Simulator& simulator, const std::string& path);

struct LoadParamsOptions {
  bool allow_missing = false;  // connections absent from the file keep their weights
};

void load_params(Simulator& simulator, const std::string& path, LoadParamsOptions options = {});

}  // namespace netsim
