#include <numeric>
#include <unordered_map>

#include "netsim/builder/rewrites.h"
#include "netsim/core/slice.h"

namespace netsim {
namespace {

bool is_pure_delay(const Synapse& s) { return s.kind() == Synapse::Kind::lowpass && s.tau() == 0.0; }

}  // namespace

std::vector<bool> known_before_step_loop(const Network& net) {
  const auto& nodes = net.nodes();
  std::vector<bool> known(nodes.size(), false);
  std::vector<std::vector<const Connection*>> incoming(nodes.size());
  for (const Connection& c : net.connections()) incoming[net.node_index(c.post.name, c.where())].push_back(&c);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (known[i]) continue;
      // A source is known; a node with state of its own never is; any other node is known
      // when everything it sums arrives in the same step from known nodes.
      const NodeKindTraits& kind = traits(nodes[i].kind());
      bool ok = !kind.stateful;
      if (ok && !kind.source)
        for (const Connection* c : incoming[i])
          ok = ok && c->synapse.is_none() && known[net.node_index(c->pre.name, c->where())];
      if (ok) known[i] = changed = true;
    }
  }
  return known;
}

LtiPlans plan_lti_memories(const Network& net, const RewriteOptions& options) {
  LtiPlans plans;
  const auto& nodes = net.nodes();
  std::vector<std::vector<const Connection*>> incoming(nodes.size()), outgoing(nodes.size());
  for (const Connection& c : net.connections()) {
    incoming[net.node_index(c.post.name, c.where())].push_back(&c);
    outgoing[net.node_index(c.pre.name, c.where())].push_back(&c);
  }
  std::vector<bool> probed(nodes.size(), false);
  for (const Probe& p : net.probes()) probed[net.node_index(p.target.name, "probe '" + p.name + "'")] = true;
  const std::vector<bool> known = known_before_step_loop(net);

  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& node = nodes[i];
    if (const NeuronType* type = neuron_type_of(node); type && has_state(*type)) {
      // Whatever runs through neurons with state (an ensemble's recurrence included) waits
      // for their state each step.
      std::string variables;
      for (const auto& v : state_variables(*type)) variables += (variables.empty() ? "" : ", ") + std::string(v.name);
      plans.notes.push_back("node '" + node.name + "': stays sequential: " + to_string(*type) +
                            " neurons keep their state (" + variables + ") from step to step");
    }
    const Connection* self = nullptr;
    for (const Connection* c : incoming[i])
      if (c->pre.name == node.name) self = c;
    if (!self) continue;
    const std::string where = "node '" + node.name + "'";
    auto stays = [&](const std::string& why) { plans.notes.push_back(where + ": stays sequential: " + why); };
    if (!options.lti_convolution) { stays("the lti_convolution rewrite is off"); continue; }
    if (!traits(node.kind()).output_is_input()) { stays("not a passthrough node (" + node.description() + ")"); continue; }
    if (self->trainable) { stays("its recurrence '" + self->name + "' is trainable"); continue; }
    if (!is_pure_delay(self->synapse)) { stays("its recurrence '" + self->name + "' has synapse " + self->synapse.to_string() + ", not 0"); continue; }
    if (!is_whole(self->pre_indices, node.size_out) || !is_whole(self->post_indices, node.size_in)) {
      stays("its recurrence '" + self->name + "' uses slices");
      continue;
    }
    if (incoming[i].size() != 2) {
      stays(std::to_string(incoming[i].size() - 1) + " input connections besides the recurrence (1 supported)");
      continue;
    }
    const Connection* input = incoming[i][0] == self ? incoming[i][1] : incoming[i][0];
    if (input->trainable || !input->synapse.is_none() || !is_whole(input->post_indices, node.size_in)) {
      stays("its input '" + input->name + "' is trainable, filtered or sliced");
      continue;
    }
    if (!known[net.node_index(input->pre.name, input->where())]) {
      stays("its input node '" + input->pre.name + "' depends on state, so it is not known before the step loop");
      continue;
    }
    if (probed[i]) { stays("it is probed"); continue; }
    LtiMemoryPlan plan{node.name, self, input, {}};
    std::string bad;
    for (const Connection* c : outgoing[i]) {
      if (c == self) continue;
      const bool dense = c->transform.is_matrix();
      const bool identity = c->transform.kind() == Transform::Kind::identity;
      if (!c->synapse.is_none() || !is_whole(c->pre_indices, node.size_out) || !(dense || identity)) {
        bad = "its reader '" + c->name + "' is filtered, sliced, or not a dense or identity transform";
        break;
      }
      plan.readers.push_back(c);
    }
    if (!bad.empty()) { stays(bad); continue; }
    if (plan.readers.empty()) { stays("nothing reads it"); continue; }
    plans.memories.push_back(std::move(plan));
  }
  return plans;
}

}  // namespace netsim
