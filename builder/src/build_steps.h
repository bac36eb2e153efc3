#pragma once
// The builder's internal steps: one build function per object kind (as in Nengo), plus
// the algebraic-loop check. Private to netsim_builder.

#include "netsim/builder/model.h"

namespace netsim::detail {

// Creates the node's signals and the operator that produces its output. With
// `identity_input` (the identity_inputs rewrite, rewrites.h; its pre must be built), the
// node reads that connection's source output as its input instead of a summed signal.
void build_node(Model& model, const Node& node, const BuildOptions& options, const Connection* identity_input = nullptr);

// Creates the transform (and synapse) operators of a connection and its parameter.
void build_connection(Model& model, const Connection& connection, const BuildOptions& options);
// Only the parameter of a connection (nullptr if its transform holds no weights); used when
// a rewrite computes the connection another way.
const Parameter* build_parameter(Model& model, const Connection& connection, const BuildOptions& options);

// Builds an LTI memory's whole-run convolution and its input/output operators in place of
// the plan's node, recurrence, input and reader connections (their parameters already built).
void build_lti_memory(Model& model, const LtiMemoryPlan& plan);

// Builds a WholeRunDot and its input/output operators in place of the connection's
// operators (its parameter already built).
void build_time_batched_gemm(Model& model, const Connection& connection);

// After every operator exists: moves operators into the prefix pass or onto the last step
// of a run (Operator::phase, rewrites.h).
void assign_phases(Model& model, const RewriteOptions& options);

// Creates the probe's (filter and) recording operators.
void build_probe(Model& model, const Probe& probe, const BuildOptions& options);

}  // namespace netsim::detail
