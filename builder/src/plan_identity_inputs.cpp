#include <numeric>

#include "netsim/builder/rewrites.h"
#include "netsim/core/node_kind.h"

namespace netsim {
namespace {

// 0, 1, ..., n-1: the whole of a signal of n values, in order.
bool is_whole(const std::vector<int>& indices, Index n) {
  if (static_cast<Index>(indices.size()) != n) return false;
  for (std::size_t i = 0; i < indices.size(); ++i)
    if (indices[i] != static_cast<int>(i)) return false;
  return true;
}

}  // namespace

std::map<std::string, const Connection*> plan_identity_inputs(const Network& network, const RewriteOptions& options,
                                                              const std::unordered_set<const Connection*>& rewritten) {
  std::map<std::string, const Connection*> plan;
  if (!options.identity_inputs) return plan;
  std::map<std::string, std::vector<const Connection*>> into;  // node -> connections ending there
  for (const Connection& c : network.connections()) into[c.post.name].push_back(&c);
  for (const Node& node : network.nodes()) {
    if (!traits(node.kind).input_apart) continue;
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
