#pragma once
// A Network is a description: named nodes, connections between them and probes on them.
// Every addition is checked at once (names, sizes, slices) and throws ValidationError
// naming the object; a Network that exists is consistent. It runs nothing: the builder
// lowers it and the Simulator runs it.
//
//   netsim::Network net("demo");
//   auto x = net.input("x", 1);
//   auto h = net.node("h", 4, netsim::Activation::tanh);
//   net.connect(x, h, {.transform = netsim::init::glorot_uniform()});
//   net.connect(h, h, {.transform = netsim::init::orthogonal(), .synapse = netsim::Synapse::delay()});
//   net.probe(h, {.name = "h_p"});

#include <string>
#include <unordered_map>
#include <vector>

#include "netsim/core/connection.h"
#include "netsim/core/node.h"
#include "netsim/core/node_factory.h"
#include "netsim/core/node_ref.h"
#include "netsim/core/probe.h"

namespace netsim {

class Subnetwork;

// The node factories (input, constant, sequence, time, node, max_pooling, dropout,
// neurons) are NodeFactory's (node_factory.h), shared with Subnetwork. Names may be dotted
// ("lmu.m"); see also subnetwork().
class Network : public NodeFactory<Network> {
 public:
  explicit Network(std::string name = "network");

  const std::string& name() const { return name_; }

  const Connection& connect(const NodeRef& pre, const NodeRef& post,
                            ConnectionOptions options = {});
  // Returns the probe's name.
  std::string probe(const NodeRef& target, ProbeOptions options = {});
  // Replaces probe `name`'s synapse (netsim eval --synapse: a spiking evaluation reads its
  // outputs through a lowpass). Throws ValidationError for an unknown probe.
  void set_probe_synapse(const std::string& name, Synapse synapse);
  // Replaces connection `name`'s synapse (netsim eval --neuron-synapse: spikes reach the
  // next layer through a lowpass). Throws ValidationError for an unknown connection.
  void set_connection_synapse(const std::string& name, Synapse synapse);

  // A view that prefixes every name it creates with "<name>.".
  Subnetwork subnetwork(const std::string& name);

  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Connection>& connections() const { return connections_; }
  const std::vector<Probe>& probes() const { return probes_; }

  // nullptr if there is no such node / connection / probe.
  const Node* find_node(const std::string& name) const;
  const Connection* find_connection(const std::string& name) const;
  const Probe* find_probe(const std::string& name) const;
  // Index into nodes(); throws ValidationError("<where>: unknown node ...") if absent.
  std::size_t node_index(const std::string& name, const std::string& where) const;

  // Number of weights held by connections (trainable or not).
  Index parameter_count(bool trainable) const;

 private:
  friend class NodeFactory<Network>;
  friend class Subnetwork;
  std::string full_name(const std::string& name) const { return name; }
  // Checks the name (unique) and size and adds the node.
  NodeRef add_node(Node node);

  std::string name_;
  std::vector<Node> nodes_;
  std::vector<Connection> connections_;
  std::vector<Probe> probes_;
  std::unordered_map<std::string, std::size_t> node_index_;
  std::unordered_map<std::string, std::size_t> connection_index_;
  std::unordered_map<std::string, std::size_t> probe_index_;
};

}  // namespace netsim

#include "netsim/core/subnetwork.h"
