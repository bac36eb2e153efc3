#include <unordered_set>

#include "netsim/builder/rewrites.h"

namespace netsim {

std::vector<const Connection*> plan_time_batched_gemms(const Network& net, const RewriteOptions& options,
                                                       const LtiPlans& memories) {
  std::vector<const Connection*> out;
  if (!options.time_batched_gemm) return out;
  std::unordered_set<const Connection*> taken;
  for (const LtiMemoryPlan& m : memories.memories) {
    taken.insert(m.recurrence);
    taken.insert(m.input);
    taken.insert(m.readers.begin(), m.readers.end());
  }
  const std::vector<bool> known = known_before_step_loop(net);
  for (const Connection& c : net.connections()) {
    const bool dense = c.transform.is_matrix();
    if (!dense || !c.synapse.is_none() || taken.count(&c) || c.pre_size() < kMinTimeBatchedInputs) continue;
    if (known[net.node_index(c.pre.name, c.where())] && !known[net.node_index(c.post.name, c.where())]) out.push_back(&c);
  }
  return out;
}

}  // namespace netsim
