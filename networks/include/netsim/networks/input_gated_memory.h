#pragma once
// Nengo 4.1's InputGatedMemory: a memory (ensemble array NAME.mem fed back on itself)
// that follows its input while NAME.gate is 0 and holds while it is 1; NAME.reset drives it
// to zero.
//
//   NAME.mem.output --feedback, lowpass recurrent_synapse--> NAME.mem.input
//   NAME.mem.output --(-1), lowpass 5 ms--> NAME.diff.input        NAME.input is NAME.diff.input
//   NAME.diff.output --difference_gain, difference_synapse--> NAME.mem.input
//   NAME.gate (1) --(-10 to every diff neuron)--> NAME.diff.neuron_input
//   NAME.reset (1) --(-3 to every mem neuron)--> NAME.mem.neuron_input
// The output is NAME.mem.output.

#include <optional>
#include <string>

#include "netsim/networks/ensemble_array.h"

namespace netsim::networks {

struct InputGatedMemoryOptions {
  Index n_neurons = 100;  // per dimension
  Index dimensions = 1;
  double feedback = 1.0;
  double difference_gain = 1.0;
  double recurrent_synapse = 0.1;                 // lowpass time constant
  std::optional<double> difference_synapse;       // default: recurrent_synapse
  EnsembleOptions ensemble;
  std::uint64_t seed = 0;
};

struct InputGatedMemoryPorts {
  NodeRef input, output, gate, reset;
  EnsembleArray mem, diff;
};

InputGatedMemoryPorts input_gated_memory(Network& network, const std::string& name, const InputGatedMemoryOptions& options);

}  // namespace netsim::networks
