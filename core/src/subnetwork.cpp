#include "netsim/core/subnetwork.h"

#include "netsim/core/name_check.h"
#include "netsim/core/network.h"

namespace netsim {

Subnetwork::Subnetwork(Network& network, std::string prefix)
    : network_(&network), prefix_(std::move(prefix)) {
  check_name(prefix_, "subnetwork '" + prefix_ + "'");
}

NodeRef Subnetwork::add_node(Node node) { return network_->add_node(std::move(node)); }

const Connection& Subnetwork::connect(const NodeRef& pre, const NodeRef& post,
                                      ConnectionOptions options) {
  if (!options.name.empty()) options.name = full_name(options.name);
  return network_->connect(pre, post, std::move(options));
}
Subnetwork Subnetwork::subnetwork(const std::string& name) {
  return Subnetwork(*network_, full_name(name));
}

}  // namespace netsim
