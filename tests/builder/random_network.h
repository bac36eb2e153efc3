#pragma once
// Seeded random networks for differential tests of the builder (random_network_test.cpp):
// every node kind of node_kind.h, every transform and synapse kind, slices on both ends,
// fixed and trainable recurrences, feedback between layers, LTI-memory motifs (a
// passthrough with a fixed synapse-0 self-connection fed by known-ahead nodes, sometimes
// spoiled on purpose; fed now and then by a passthrough nothing feeds or one fed by a
// constant; with up to three readers), branches below the memory and below wide sources
// that reach no probe (stateless, filtered or recurrent; trainable), wide dense
// connections from nodes that are or only look known before the step loop, parallel connections
// between the same nodes, and probes with and without history, synapse and sample_every; ensembles
// of every neuron type (spiking state keeps a recurrence through them sequential), decoded or
// neuron-to-neuron.
//
// The network comes as a YAML network file (docs/yaml.md), so a failing case can be
// written out and replayed with `netsim run`. The same seed always gives the same text.

#include <cstdint>
#include <map>
#include <string>

#include <netsim/core/types.h>

namespace netsim::test {

struct GeneratedNetwork {
  std::uint64_t seed = 0;
  std::string yaml;                      // a complete network file, with a run: section
  std::map<std::string, Index> inputs;   // input node -> size (data: random, see random_inputs)
  long steps = 0;
  Index minibatch = 0;
  bool training = false;                 // run with dropout active (Simulator::set_training)
  bool rate_twins = false;               // spiking neurons run as rate twins (SimulatorOptions)
  double lif_smoothing = 0.0;            // with rate_twins (SimulatorOptions)
  bool lif_exact_forward = false;        // with rate_twins: exact forward, SoftLIF gradient
  bool spiking = false;                  // it has spiking neurons: without rate_twins, no gradients
  bool neuron_state_gradient = false;    // neurons that keep state even as rate twins: no gradients
  bool no_gradient_node = false;         // a function node (core/node_kinds/function.h): no gradient
  long nef_networks = 0;                 // Nengo's networks (networks:) among its nodes

  // Whether a backward pass exists: not through spikes (without rate twins) nor through
  // neurons that keep state nor through function nodes; otherwise only the forward run is
  // compared.
  bool has_gradients() const { return !(spiking && !rate_twins) && !neuron_state_gradient && !no_gradient_node; }
};

GeneratedNetwork generate_network(std::uint64_t seed);

}  // namespace netsim::test
