#pragma once
// A connection pre -> post: v[k] = T * out_pre[sel_pre][k]; the synapse turns v into what
// is added to in_post[sel_post]. Its key (used for parameters and messages) is its
// explicit `name`, or "pre->post" — for the second, third, ... unnamed connection between
// the same two nodes "pre->post#2", "pre->post#3", ... (Network::connect).

#include <optional>
#include <string>
#include <vector>

#include "netsim/core/node_ref.h"
#include "netsim/core/synapse.h"
#include "netsim/core/transform.h"

namespace netsim {

// Largest number of weights one connection may hold (2^30 float32 = 4 GiB).
constexpr Index kMaxConnectionWeights = Index{1} << 30;

struct ConnectionOptions {
  Transform transform;                 // identity by default
  Synapse synapse;                     // none by default (Nengo's default is lowpass(0.005))
  std::optional<bool> trainable;       // default: true exactly when the transform holds weights
  std::string name;                    // default: "pre->post" ("pre->post#2", ... for parallel ones)
};

struct Connection {
  std::string name;  // unique key
  NodeRef pre;
  NodeRef post;
  Transform transform;
  Synapse synapse;
  bool trainable = false;
  std::vector<int> pre_indices;   // resolved slice of pre's output
  std::vector<int> post_indices;  // resolved slice of post's input

  Index pre_size() const { return static_cast<Index>(pre_indices.size()); }
  Index post_size() const { return static_cast<Index>(post_indices.size()); }
  // "connection 'u->h'": the prefix of every message about this connection.
  std::string where() const { return "connection '" + name + "'"; }
};

// Fills in and checks a connection against its (already resolved) pre and post sizes.
// Throws ValidationError naming the connection.
Connection make_connection(const NodeRef& pre, Index pre_size_out, const NodeRef& post,
                           Index post_size_in, ConnectionOptions options);

}  // namespace netsim
