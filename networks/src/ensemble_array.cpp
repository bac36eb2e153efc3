#include "netsim/networks/ensemble_array.h"

#include "netsim/core/error.h"
#include "netsim/core/random.h"

namespace netsim::networks {

EnsembleArray ensemble_array(Network& network, const std::string& name, const EnsembleArrayOptions& o) {
  const std::string where = "ensemble_array '" + name + "'";
  if (o.n_neurons < 1) throw ValidationError(where + ": n_neurons: expected a positive number");
  if (o.n_ensembles < 1) throw ValidationError(where + ": n_ensembles: expected a positive number");
  if (o.ens_dimensions < 1) throw ValidationError(where + ": ens_dimensions: expected a positive number");
  EnsembleArray a;
  a.name = name;
  a.ens_dimensions = o.ens_dimensions;
  const Index d = o.n_ensembles * o.ens_dimensions;
  a.input = network.node(name + ".input", d);
  a.output = network.node(name + ".output", d);
  for (Index i = 0; i < o.n_ensembles; ++i) {
    EnsembleOptions e = o.ensemble;
    e.n_neurons = o.n_neurons;
    e.dimensions = o.ens_dimensions;
    e.seed = Rng::for_object(o.seed, name + ".e" + std::to_string(i)).below(std::uint64_t{1} << 62);
    a.ensembles.push_back(ensemble(network, name + ".e" + std::to_string(i), e));
    const auto first = static_cast<long>(i * o.ens_dimensions);
    network.connect(a.input[Slice::range(first, first + static_cast<long>(o.ens_dimensions))], a.ensembles.back().value);
  }
  Decoding identity = o.output_decoding;
  identity.function = {};
  for (Index i = 0; i < o.n_ensembles; ++i) {
    const auto first = static_cast<long>(i * o.ens_dimensions);
    connect_function(network, a.ensembles[static_cast<std::size_t>(i)],
                     a.output[Slice::range(first, first + static_cast<long>(o.ens_dimensions))], identity, {});
  }
  return a;
}

NodeRef add_output(Network& network, const EnsembleArray& a, const std::string& output, const Decoding& decoding,
                   ConnectionOptions options) {
  Index k = a.ens_dimensions;
  if (decoding.function) k = decoding.function(VectorD::Zero(a.ens_dimensions)).size();
  if (k < 1) throw ValidationError("ensemble_array '" + a.name + "': output '" + output + "': the function gives no values");
  const NodeRef out = network.node(a.name + "." + output, k * static_cast<Index>(a.ensembles.size()));
  for (std::size_t i = 0; i < a.ensembles.size(); ++i) {
    const auto first = static_cast<long>(static_cast<Index>(i) * k);
    connect_function(network, a.ensembles[i], out[Slice::range(first, first + static_cast<long>(k))], decoding, options);
  }
  return out;
}

NodeRef add_neuron_input(Network& network, const EnsembleArray& a) {
  const std::string name = a.name + ".neuron_input";
  if (network.find_node(name)) return NodeRef{name};
  Index total = 0;
  for (const auto& e : a.ensembles) total += e.n_neurons;
  const NodeRef in = network.node(name, total);
  long first = 0;
  for (const auto& e : a.ensembles) {
    network.connect(in[Slice::range(first, first + static_cast<long>(e.n_neurons))], e.neurons);
    first += static_cast<long>(e.n_neurons);
  }
  return in;
}

}  // namespace netsim::networks
