#include "netsim/core/network.h"

#include <cmath>

#include "netsim/core/error.h"
#include "netsim/core/name_check.h"

namespace netsim {
namespace {

void check_size(Index size, const std::string& where) {
  if (size <= 0 || size > kMaxNodeSize) {
    throw ValidationError(where + ": size: expected a positive integer up to " +
                          std::to_string(kMaxNodeSize) + ", got " + std::to_string(size));
  }
}

}  // namespace

Network::Network(std::string name) : name_(std::move(name)) {}

NodeRef Network::add_node(Node node) {
  const std::string where = "node '" + node.name + "'";
  check_name(node.name, where);
  check_size(node.size_out, where);
  if (node_index_.count(node.name)) {
    throw ValidationError(where + ": a node with this name already exists");
  }
  node_index_.emplace(node.name, nodes_.size());
  nodes_.push_back(std::move(node));
  return {nodes_.back().name, Slice()};
}


std::size_t Network::node_index(const std::string& name, const std::string& where) const {
  auto it = node_index_.find(name);
  if (it == node_index_.end()) {
    throw ValidationError(where + ": unknown node '" + name + "'");
  }
  return it->second;
}

const Connection& Network::connect(const NodeRef& pre, const NodeRef& post,
                                   ConnectionOptions options) {
  const std::string label = options.name.empty() ? pre.name + "->" + post.name : options.name;
  const std::string where = "connection '" + label + "'";
  const Node& pre_node = nodes_[node_index(pre.name, where + ": pre")];
  const Node& post_node = nodes_[node_index(post.name, where + ": post")];
  if (!traits(post_node.kind()).takes_input) {
    throw ValidationError(where + ": post: node '" + post_node.name + "' is a " +
                          post_node.description() + " node and takes no input");
  }
  const bool named = !options.name.empty();
  Connection c = make_connection(pre, pre_node.size_out, post, post_node.size_in,
                                 std::move(options));
  // Parallel connections (Nengo allows any number between two nodes): the second unnamed
  // one is "pre->post#2", then "#3", ... in the order they are made. Explicit names cannot
  // contain '#' or '>', so a default name never takes one a user could give.
  if (!named)
    for (int i = 2; connection_index_.count(c.name); ++i) c.name = label + "#" + std::to_string(i);
  if (connection_index_.count(c.name)) {
    throw ValidationError(c.where() + ": a connection with this name already exists; give "
                                      "one of them a distinct name");
  }
  connection_index_.emplace(c.name, connections_.size());
  connections_.push_back(std::move(c));
  return connections_.back();
}

std::string Network::probe(const NodeRef& target, ProbeOptions options) {
  std::string name = options.name;
  if (name.empty()) {
    name = target.name + "_probe";
    for (int i = 2; probe_index_.count(name); ++i) name = target.name + "_probe" + std::to_string(i);
  }
  Probe p;
  p.name = name;
  check_name(name, p.where());
  if (probe_index_.count(name)) throw ValidationError(p.where() + ": a probe with this name already exists");
  const Node& node = nodes_[node_index(target.name, p.where() + ": target")];
  p.target = target;
  p.indices = target.slice.resolve(static_cast<int>(node.size_out),
                                   p.where() + ": target " + target.to_string());
  if (options.sample_every && !(*options.sample_every > 0.0 && std::isfinite(*options.sample_every))) {
    throw ValidationError(p.where() + ": sample_every: expected a positive time in seconds, got " +
                          std::to_string(*options.sample_every));
  }
  p.sample_every = options.sample_every;
  p.synapse = std::move(options.synapse);
  p.keep_history = options.keep_history;
  p.attribute = options.attribute;
  const NeuronType* type = neuron_type_of(node);
  if (p.attribute == ProbeAttribute::voltage && !(type && state_index(*type, "voltage") >= 0)) {
    throw ValidationError(p.where() + ": attr: voltage: node '" + node.name + "' is a " + node.description() +
                          " node and has no voltage (only " + types_with_state("voltage") + " neurons do)");
  }
  probe_index_.emplace(name, probes_.size());
  probes_.push_back(std::move(p));
  return name;
}

void Network::set_probe_synapse(const std::string& name, Synapse synapse) {
  auto it = probe_index_.find(name);
  if (it == probe_index_.end()) throw ValidationError("probe '" + name + "': no such probe");
  probes_[it->second].synapse = std::move(synapse);
}

void Network::set_connection_synapse(const std::string& name, Synapse synapse) {
  auto it = connection_index_.find(name);
  if (it == connection_index_.end()) throw ValidationError("connection '" + name + "': no such connection");
  connections_[it->second].synapse = std::move(synapse);
}

Subnetwork Network::subnetwork(const std::string& name) { return Subnetwork(*this, name); }

const Node* Network::find_node(const std::string& name) const {
  auto it = node_index_.find(name);
  return it == node_index_.end() ? nullptr : &nodes_[it->second];
}

const Connection* Network::find_connection(const std::string& name) const {
  auto it = connection_index_.find(name);
  return it == connection_index_.end() ? nullptr : &connections_[it->second];
}

const Probe* Network::find_probe(const std::string& name) const {
  auto it = probe_index_.find(name);
  return it == probe_index_.end() ? nullptr : &probes_[it->second];
}

Index Network::parameter_count(bool trainable) const {
  Index n = 0;
  for (const auto& c : connections_)
    if (c.trainable == trainable) n += c.transform.weight_count(c.pre_size(), c.post_size());
  return n;
}

}  // namespace netsim
