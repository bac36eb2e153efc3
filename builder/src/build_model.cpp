#include <cmath>

#include "build_steps.h"
#include "netsim/core/error.h"

namespace netsim {

Model build_model(const Network& network, const BuildOptions& options) {
  if (!(options.dt > 0.0) || !std::isfinite(options.dt)) {
    throw BuildError("dt: expected a positive number of seconds, got " + std::to_string(options.dt));
  }
  check_algebraic_loops(network);
  Model model;
  model.network_name = network.name();
  model.dt = options.dt;
  for (const Node& node : network.nodes()) detail::build_node(model, node);
  for (const Connection& c : network.connections()) detail::build_connection(model, c, options);
  for (const Probe& p : network.probes()) detail::build_probe(model, p, options);
  return model;
}

}  // namespace netsim
