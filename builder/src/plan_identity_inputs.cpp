#include "netsim/builder/rewrites.h"
#include "netsim/core/node_kind.h"
#include "netsim/core/slice.h"

namespace netsim {

std::map<std::string, const Connection*> plan_identity_inputs(const Network& network, const RewriteOptions& options,
                                                              const std::unordered_set<const Connection*>& rewritten) {
  std::map<std::string, const Connection*> plan;
  if (!options.identity_inputs) return plan;
  std::map<std::string, std::vector<const Connection*>> into;  // node -> connections ending there
  for (const Connection& c : network.connections()) into[c.post.name].push_back(&c);
  for (const Node& node : network.nodes()) {
    if (!traits(node.kind()).input_apart) continue;
    const auto it = into.find(node.name);
    if (it == into.end() || it->second.size() != 1) continue;
    const Connection& c = *it->second.front();
    if (rewritten.count(&c) || c.transform.kind() != Transform::Kind::identity || !c.synapse.is_none()) continue;
    const Node* pre = network.find_node(c.pre.name);
    if (!pre || pre->name == node.name || !is_whole(c.pre_indices, pre->size_out) || !is_whole(c.post_indices, node.size_in))
      continue;
    plan[node.name] = &c;
  }
  return plan;
}

}  // namespace netsim
