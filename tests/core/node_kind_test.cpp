// Every node kind of the traits table (core/node_kind.h) is handled by every pass: named,
// read from YAML, built and simulated, and classified as known before the step loop or not
// from its traits and the graph alone. A kind added to the table without a YAML sample
// here fails the first check.

#include <doctest/doctest.h>

#include <map>
#include <set>

#include <netsim/builder/simulator_training.h>
#include <netsim/builder/rewrites.h>
#include <netsim/config/network_file.h>
#include <netsim/netsim.h>

#include "scratch_dir.h"

namespace netsim::test {
namespace {

// One YAML node of each kind, two values wide (max pooling: 2x1x1 pooled to 1).
const std::map<NodeKind, std::string> kSamples = {
    {NodeKind::input, "{input: 2}"},
    {NodeKind::constant, "{constant: [1.0, 2.0]}"},
    {NodeKind::sequence, "{sequence: [[1.0, 2.0], [3.0, 4.0]]}"},
    {NodeKind::time, "{time: true}"},
    {NodeKind::passthrough, "{size: 2}"},
    {NodeKind::activation, "{size: 2, activation: tanh}"},
    {NodeKind::max_pooling, "{max_pooling: {input_shape: [2, 1, 1], pool_size: [2, 1]}}"},
    {NodeKind::dropout, "{dropout: {size: 2, rate: 0.5}}"},
    // An ensemble entry NAME makes the neurons node NAME.neurons (and its value node NAME).
    {NodeKind::neurons, "{ensemble: {n_neurons: 2, dimensions: 2, neuron_type: lif_rate, gain: [1, 2], bias: [0.5, 1.5]}}"},
    {NodeKind::time_function, "{function: [sin(t), cos(t)]}"},
    {NodeKind::function, "{size_in: 2, function: [x0 * x1, x1 - t]}"},
    {NodeKind::process, "{process: {white_signal: {period: 1, high: 5}}, size: 2}"},
};

// The node of kind `kind` that the YAML entry `entry` makes.
std::string node_made(const NodeKindTraits& t, const std::string& entry) {
  return t.kind == NodeKind::neurons ? entry + ".neurons" : entry;
}

}  // namespace

TEST_CASE("node kinds: the traits table covers every kind, once, consistently") {
  REQUIRE(kSamples.size() == kNodeKinds.size());
  std::set<std::string_view> names;
  for (const NodeKindTraits& t : kNodeKinds) {
    INFO(t.name);
    CHECK(names.insert(t.name).second);
    CHECK(to_string(t.kind) == std::string(t.name));
    CHECK(&traits(t.kind) == &t);
    CHECK(kSamples.count(t.kind) == 1);
    CHECK(!(t.source && t.takes_input));  // a source's value depends on no node
    CHECK(!(t.source && t.stateful));
    CHECK(!(t.input_apart && !t.takes_input));  // an input apart is an input
  }
}

TEST_CASE("node kinds: each is read from YAML, built, simulated, and classified by its traits") {
  // Per kind K: "K_src" fed by a source without synapse, "K_state" fed by a tanh recurrence.
  std::string nodes = "  x: {input: 2}\n  r: {size: 2, activation: tanh}\n";
  std::string connections = "  - {from: x, to: r}\n  - {from: r, to: r, synapse: 0}\n";
  for (const NodeKindTraits& t : kNodeKinds) {
    const std::string name(t.name);
    nodes += "  " + name + "_src: " + kSamples.at(t.kind) + "\n  " + name + "_state: " + kSamples.at(t.kind) + "\n";
    if (t.takes_input) {
      connections += "  - {from: x, to: " + name + "_src}\n  - {from: r, to: " + name + "_state}\n";
    }
  }
  const ScratchDir dir;
  const auto file = config::load_network_file(dir.write("kinds.yaml", "netsim: 1\nnodes:\n" + nodes + "connections:\n" + connections +
                                                                         "probes:\n  r_p: r\n"));
  const Network& net = file.network;
  const std::vector<bool> known = known_before_step_loop(net);
  for (const NodeKindTraits& t : kNodeKinds) {
    INFO(t.name);
    for (const std::string suffix : {"_src", "_state"}) {
      const std::size_t i = net.node_index(node_made(t, std::string(t.name) + suffix), "test");
      CHECK(net.nodes()[i].kind() == t.kind);
      CHECK((net.nodes()[i].size_in > 0) == t.takes_input);
      // Sources are known; other kinds exactly when what feeds them is (and they keep no state).
      const bool expected = t.source || (!t.stateful && suffix == std::string("_src"));
      CHECK(known[i] == expected);
    }
  }
  CHECK(!known[net.node_index("r", "test")]);
  Simulator sim(net, file.simulator_options(3));
  Array3 data(3, 4, 2);
  for (Index i = 0; i < data.size(); ++i) data.data()[i] = static_cast<float>(i % 7) * 0.1f;
  for (const Node& n : net.nodes())
    if (n.kind() == NodeKind::input) sim.set_input(n.name, data);
  sim.training_support().set_training(true, 1);
  sim.run_steps(4);
  CHECK(sim.probe_data("r_p").dim(1) == 4);
}

}  // namespace netsim::test
