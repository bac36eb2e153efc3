#pragma once
// The builder's internal steps: one build function per object kind (as in Nengo), plus
// the algebraic-loop check. Private to netsim_builder.

#include "netsim/builder/model.h"

namespace netsim::detail {

// Creates the node's signals and the operator that produces its output.
void build_node(Model& model, const Node& node);

// Creates the transform (and synapse) operators of a connection and its parameter.
void build_connection(Model& model, const Connection& connection, const BuildOptions& options);

// Creates the probe's (filter and) recording operators.
void build_probe(Model& model, const Probe& probe, const BuildOptions& options);

}  // namespace netsim::detail
