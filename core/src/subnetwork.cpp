#include "netsim/core/subnetwork.h"

#include "netsim/core/name_check.h"
#include "netsim/core/network.h"

namespace netsim {

Subnetwork::Subnetwork(Network& network, std::string prefix)
    : network_(&network), prefix_(std::move(prefix)) {
  check_name(prefix_, "subnetwork '" + prefix_ + "'");
}

NodeRef Subnetwork::input(const std::string& name, Index size) {
  return network_->input(full_name(name), size);
}
NodeRef Subnetwork::constant(const std::string& name, VectorD value) {
  return network_->constant(full_name(name), std::move(value));
}
NodeRef Subnetwork::sequence(const std::string& name, MatrixD rows) {
  return network_->sequence(full_name(name), std::move(rows));
}
NodeRef Subnetwork::time(const std::string& name) { return network_->time(full_name(name)); }
NodeRef Subnetwork::max_pooling(const std::string& name, const PoolingSpec& pooling) {
  return network_->max_pooling(full_name(name), pooling);
}
NodeRef Subnetwork::dropout(const std::string& name, Index size, double rate) {
  return network_->dropout(full_name(name), size, rate);
}
NodeRef Subnetwork::node(const std::string& name, Index size) {
  return network_->node(full_name(name), size);
}
NodeRef Subnetwork::node(const std::string& name, Index size, Activation activation) {
  return network_->node(full_name(name), size, activation);
}
const Connection& Subnetwork::connect(const NodeRef& pre, const NodeRef& post,
                                      ConnectionOptions options) {
  if (!options.name.empty()) options.name = full_name(options.name);
  return network_->connect(pre, post, std::move(options));
}
Subnetwork Subnetwork::subnetwork(const std::string& name) {
  return Subnetwork(*network_, full_name(name));
}

}  // namespace netsim
