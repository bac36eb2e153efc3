#pragma once
// A scoped view of a Network: every node it creates is named "<prefix>.<name>", so that
// prebuilt pieces (an LMU, an MLP) can be added twice without clashing.
//
//   auto lmu = net.subnetwork("lmu");
//   auto m = lmu.node("m", 256);          // the node "lmu.m"

#include <string>

#include "netsim/core/node_ref.h"
#include "netsim/core/node.h"
#include "netsim/core/node_factory.h"
#include "netsim/core/types.h"

namespace netsim {

class Network;
struct Connection;
struct ConnectionOptions;

class Subnetwork : public NodeFactory<Subnetwork> {
 public:
  Subnetwork(Network& network, std::string prefix);

  const std::string& prefix() const { return prefix_; }
  Network& network() { return *network_; }

  // The node factories: NodeFactory's (node_factory.h), every name prefixed.
  const Connection& connect(const NodeRef& pre, const NodeRef& post,
                            ConnectionOptions options);
  Subnetwork subnetwork(const std::string& name);

  // "<prefix>.<name>"
  std::string full_name(const std::string& name) const { return prefix_ + "." + name; }

 private:
  friend class NodeFactory<Subnetwork>;
  NodeRef add_node(Node node);

  Network* network_;
  std::string prefix_;
};

}  // namespace netsim
