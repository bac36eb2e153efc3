// Finds cycles made only of synapse-none connections (algebraic loops): within one step
// such nodes would each need the other's output first. Nengo rejects them at build time;
// so do we, but naming the nodes and connections involved.

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <deque>

#include "netsim/builder/model.h"
#include "netsim/core/error.h"

namespace netsim {
namespace {

using NodeGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

// A shortest cycle through `start` inside one strongly connected component, as node
// indices start, ..., start.
std::vector<std::size_t> cycle_through(const std::vector<std::vector<std::size_t>>& next,
                                       std::size_t start) {
  std::vector<long> parent(next.size(), -1);
  std::deque<std::size_t> queue{start};
  while (!queue.empty()) {
    std::size_t u = queue.front();
    queue.pop_front();
    for (std::size_t v : next[u]) {
      if (v == start) {  // closed the loop: walk back
        std::vector<std::size_t> path{start};
        for (long w = static_cast<long>(u); w != -1 && static_cast<std::size_t>(w) != start;
             w = parent[static_cast<std::size_t>(w)])
          path.push_back(static_cast<std::size_t>(w));
        path.push_back(start);
        std::reverse(path.begin() + 1, path.end() - 1);
        return path;
      }
      if (parent[v] == -1) {
        parent[v] = static_cast<long>(u);
        queue.push_back(v);
      }
    }
  }
  return {start, start};
}

}  // namespace

void check_algebraic_loops(const Network& network) {
  const auto& nodes = network.nodes();
  const std::size_t n = nodes.size();
  NodeGraph graph(n);
  std::vector<std::vector<std::size_t>> next(n);
  for (const Connection& c : network.connections()) {
    if (!c.synapse.is_none()) continue;
    std::size_t a = network.node_index(c.pre.name, c.where());
    std::size_t b = network.node_index(c.post.name, c.where());
    boost::add_edge(a, b, graph);
    next[a].push_back(b);
  }
  std::vector<int> component(n);
  boost::strong_components(graph, boost::make_iterator_property_map(
                                      component.begin(), boost::get(boost::vertex_index, graph)));
  std::vector<int> members(n, 0);
  for (std::size_t v = 0; v < n; ++v) ++members[static_cast<std::size_t>(component[v])];
  for (std::size_t v = 0; v < n; ++v) {
    const bool self_loop = std::find(next[v].begin(), next[v].end(), v) != next[v].end();
    if (members[static_cast<std::size_t>(component[v])] < 2 && !self_loop) continue;
    // Restrict successors to the component, then report one concrete cycle.
    std::vector<std::vector<std::size_t>> inside(n);
    for (std::size_t u = 0; u < n; ++u)
      for (std::size_t w : next[u])
        if (component[u] == component[v] && component[w] == component[v]) inside[u].push_back(w);
    const auto cycle = cycle_through(inside, v);
    std::string path, conns;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < cycle.size(); ++i) {
      path += (i ? " -> " : "") + nodes[cycle[i]].name;
      if (i + 1 == cycle.size()) break;
      for (const Connection& c : network.connections()) {
        if (c.synapse.is_none() && c.pre.name == nodes[cycle[i]].name &&
            c.post.name == nodes[cycle[i + 1]].name) {
          conns += (conns.empty() ? "'" : ", '") + c.name + "'";
          names.push_back(c.name);
          break;
        }
      }
    }
    throw AlgebraicLoopError("algebraic loop: " + path + " through connections " + conns +
                                 ", all with synapse none, so no node in the cycle can be computed "
                                 "first; set synapse: 0 (a one-step delay) on at least one of these "
                                 "connections",
                             std::move(names));
  }
}

}  // namespace netsim
