#include "netsim/networks/product.h"

#include <algorithm>
#include <cmath>

#include "netsim/core/error.h"
#include "netsim/core/random.h"

namespace netsim::networks {

ProductPorts product(Network& network, const std::string& name, const ProductOptions& o) {
  const std::string where = "product '" + name + "'";
  if (o.dimensions < 1) throw ValidationError(where + ": dimensions: expected a positive number");
  if (!(o.input_magnitude > 0.0)) throw ValidationError(where + ": input_magnitude: expected a number > 0");
  ProductPorts p;
  p.input_a = network.node(name + ".input_a", o.dimensions);
  p.input_b = network.node(name + ".input_b", o.dimensions);
  p.output = network.node(name + ".output", o.dimensions);
  EnsembleArrayOptions half{.n_neurons = std::max<Index>(1, o.n_neurons / 2), .n_ensembles = o.dimensions, .ensemble = o.ensemble};
  half.ensemble.radius = o.input_magnitude * std::sqrt(2.0);
  half.seed = Rng::for_object(o.seed, name + ".sq1").below(std::uint64_t{1} << 62);
  p.sq1 = ensemble_array(network, name + ".sq1", half);
  half.seed = Rng::for_object(o.seed, name + ".sq2").below(std::uint64_t{1} << 62);
  p.sq2 = ensemble_array(network, name + ".sq2", half);
  const double r = 1.0 / std::sqrt(2.0);
  network.connect(p.input_a, p.sq1.input, {.transform = r, .name = name + ".a_to_sq1"});
  network.connect(p.input_b, p.sq1.input, {.transform = r, .name = name + ".b_to_sq1"});
  network.connect(p.input_a, p.sq2.input, {.transform = r, .name = name + ".a_to_sq2"});
  network.connect(p.input_b, p.sq2.input, {.transform = -r, .name = name + ".b_to_sq2"});
  const Decoding square{.function = [](const VectorD& x) { return VectorD(x.array().square()); }};
  network.connect(add_output(network, p.sq1, "square", square), p.output, {.transform = 0.5});
  network.connect(add_output(network, p.sq2, "square", square), p.output, {.transform = -0.5});
  return p;
}

}  // namespace netsim::networks
