#include "netsim/core/connection.h"

#include "netsim/core/error.h"
#include "netsim/core/name_check.h"

namespace netsim {

Connection make_connection(const NodeRef& pre, Index pre_size_out, const NodeRef& post,
                           Index post_size_in, ConnectionOptions options) {
  Connection c;
  c.name = options.name.empty() ? pre.name + "->" + post.name : options.name;
  if (!options.name.empty()) check_name(options.name, "connection '" + options.name + "'");
  c.pre = pre;
  c.post = post;
  c.pre_indices = pre.slice.resolve(static_cast<int>(pre_size_out), c.where() + ": pre " +
                                                                        pre.to_string());
  c.post_indices = post.slice.resolve(static_cast<int>(post_size_in), c.where() + ": post " +
                                                                          post.to_string());
  c.transform = std::move(options.transform);
  c.transform.check_shape(c.pre_size(), c.post_size(), c.where());
  if (const Index n = c.transform.weight_count(c.pre_size(), c.post_size()); n > kMaxConnectionWeights) {
    throw ValidationError(c.where() + ": transform: expected at most " + std::to_string(kMaxConnectionWeights) +
                          " weights (4 GiB), got " + std::to_string(c.post_size()) + "x" +
                          std::to_string(c.pre_size()) + " = " + std::to_string(n));
  }
  c.synapse = std::move(options.synapse);
  if (options.trainable.value_or(false) && !c.transform.holds_weights()) {
    throw ValidationError(c.where() + ": trainable: expected a transform that holds weights "
                                      "(an identity transform has none), got trainable: true");
  }
  c.trainable = options.trainable.value_or(c.transform.holds_weights());
  return c;
}

}  // namespace netsim
