#pragma once
// What `netsim describe` prints: the nodes, the connections with their weight counts (like
// Keras's model.summary()), the probes, and the planned schedule; and the Graphviz export.

#include <string>

#include "netsim/builder/simulator.h"
#include "netsim/config/network_file.h"

namespace netsim::cli {

std::string summarize_network(const config::NetworkFile& file, Simulator& simulator);

// A Graphviz digraph: one box per node (name, kind, size), one edge per connection
// labelled with its transform and synapse; delayed/filtered edges are dashed.
std::string graphviz_dot(const Network& network);

}  // namespace netsim::cli
