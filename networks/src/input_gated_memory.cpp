#include "netsim/networks/input_gated_memory.h"

#include "netsim/core/error.h"
#include "netsim/core/random.h"

namespace netsim::networks {

InputGatedMemoryPorts input_gated_memory(Network& network, const std::string& name, const InputGatedMemoryOptions& o) {
  const std::string where = "input_gated_memory '" + name + "'";
  if (!(o.recurrent_synapse > 0.0)) throw ValidationError(where + ": recurrent_synapse: expected a number > 0");
  if (o.difference_synapse && !(*o.difference_synapse > 0.0)) throw ValidationError(where + ": difference_synapse: expected a number > 0");
  InputGatedMemoryPorts m;
  EnsembleArrayOptions array{.n_neurons = o.n_neurons, .n_ensembles = o.dimensions, .ensemble = o.ensemble};
  array.seed = Rng::for_object(o.seed, name + ".mem").below(std::uint64_t{1} << 62);
  m.mem = ensemble_array(network, name + ".mem", array);
  network.connect(m.mem.output, m.mem.input, {.transform = o.feedback, .synapse = Synapse::lowpass(o.recurrent_synapse)});
  array.seed = Rng::for_object(o.seed, name + ".diff").below(std::uint64_t{1} << 62);
  m.diff = ensemble_array(network, name + ".diff", array);
  network.connect(m.mem.output, m.diff.input, {.transform = -1.0, .synapse = Synapse::lowpass(0.005)});
  network.connect(m.diff.output, m.mem.input,
                  {.transform = o.difference_gain, .synapse = Synapse::lowpass(o.difference_synapse.value_or(o.recurrent_synapse))});
  const Index total = o.n_neurons * o.dimensions;
  m.gate = network.node(name + ".gate", 1);
  network.connect(m.gate, add_neuron_input(network, m.diff), {.transform = Transform::dense(MatrixD::Constant(total, 1, -10.0))});
  m.reset = network.node(name + ".reset", 1);
  network.connect(m.reset, add_neuron_input(network, m.mem), {.transform = Transform::dense(MatrixD::Constant(total, 1, -3.0))});
  m.input = m.diff.input;
  m.output = m.mem.output;
  return m;
}

}  // namespace netsim::networks
