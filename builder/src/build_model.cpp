#include <cmath>
#include <unordered_set>

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
  const LtiPlans lti = plan_lti_memories(network, options.rewrites);
  std::unordered_set<const Connection*> rewritten;
  for (const LtiMemoryPlan& plan : lti.memories) {
    rewritten.insert(plan.recurrence);
    rewritten.insert(plan.input);
    rewritten.insert(plan.readers.begin(), plan.readers.end());
  }
  const std::vector<const Connection*> gemms = plan_time_batched_gemms(network, options.rewrites, lti);
  rewritten.insert(gemms.begin(), gemms.end());
  const auto identity_inputs = plan_identity_inputs(network, options.rewrites, rewritten);
  // Nodes in network order, except that one reading another's output comes after it
  // (chains resolve in a few rounds; an identity cycle without synapse is an algebraic
  // loop, refused above).
  std::vector<const Node*> waiting;
  for (const Node& node : network.nodes()) waiting.push_back(&node);
  while (!waiting.empty()) {
    std::vector<const Node*> later;
    for (const Node* node : waiting) {
      const auto it = identity_inputs.find(node->name);
      const Connection* input = it == identity_inputs.end() ? nullptr : it->second;
      if (input && !model.node_output.count(input->pre.name)) later.push_back(node);
      else detail::build_node(model, *node, options, input);
    }
    if (later.size() == waiting.size()) throw BuildError("identity_inputs: a cycle of identity connections");
    waiting = std::move(later);
  }
  for (const auto& [node, c] : identity_inputs) rewritten.insert(c);
  for (const Connection& c : network.connections()) {
    if (rewritten.count(&c)) detail::build_parameter(model, c, options);
    else detail::build_connection(model, c, options);
  }
  for (const LtiMemoryPlan& plan : lti.memories) detail::build_lti_memory(model, plan);
  for (const Connection* c : gemms) detail::build_time_batched_gemm(model, *c);
  for (const Probe& p : network.probes()) detail::build_probe(model, p, options);
  detail::assign_phases(model, options.rewrites);
  model.rewrite_notes.insert(model.rewrite_notes.end(), lti.notes.begin(), lti.notes.end());
  return model;
}

}  // namespace netsim
