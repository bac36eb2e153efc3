// The neurons operator (builder/.../operators/neurons_op.h) for every neuron type of the
// list (core/neuron_type.h): each row of a minibatch is its own sequence -- a row run
// beside others gives the bits it gives alone -- and the state of a type with state
// starts again on reset. (The values themselves are checked against Nengo 4.1 by the
// neuron goldens, tests/apps/golden_neurons_test.cpp, at minibatch 1.)
#include <doctest/doctest.h>

#include <cmath>

#include <netsim/netsim.h>

namespace netsim::test {
namespace {

Network one_layer(const NeuronType& type) {
  Network net;
  auto x = net.input("x", 2);
  VectorD gain(5), bias(5);
  gain << 1.5, 0.8, 2.0, 1.2, 3.0;
  bias << 1.5, 2.0, 0.5, 1.1, 0.2;
  auto n = net.neurons("n", type, gain, bias);
  net.connect(x, n, {.transform = init::uniform(-1, 1)});
  net.probe(n, {.name = "out"});
  if (state_index(type, "voltage") >= 0) net.probe(n, {.name = "v", .attribute = ProbeAttribute::voltage});
  return net;
}

}  // namespace

TEST_CASE("neurons of every type: a minibatch row is the sequence run alone, and reset starts the state again") {
  for (const std::string& name : neuron_type_names()) {
    CAPTURE(name);
    const Network net = one_layer(*neuron_type_named(name));
    const Index batch = 4;
    const long steps = 60;
    Rng rng(11);
    Array3 input(batch, steps, 2);
    for (Index i = 0; i < input.size(); ++i) input.data()[i] = static_cast<float>(rng.uniform(0.0, 1.5));
    Simulator together(net, {.minibatch = batch, .seed = 3});
    together.set_input("x", input);
    together.run_steps(steps);
    std::vector<std::string> probes{"out"};
    if (state_index(*neuron_type_named(name), "voltage") >= 0) probes.push_back("v");
    for (Index row = 0; row < batch; ++row) {
      CAPTURE(row);
      Simulator alone(net, {.minibatch = 1, .seed = 3});
      Array3 one(1, steps, 2);
      for (long k = 0; k < steps; ++k)
        for (Index j = 0; j < 2; ++j) one(0, k, j) = input(row, k, j);
      alone.set_input("x", one);
      alone.run_steps(steps);
      for (const std::string& probe : probes) {
        CAPTURE(probe);
        const Array3 a = together.probe_data(probe), b = alone.probe_data(probe);
        std::size_t different = 0;
        for (long k = 0; k < steps; ++k)
          for (Index i = 0; i < 5; ++i) different += a(row, k, i) != b(0, k, i) ? 1 : 0;
        CHECK(different == 0);
      }
    }
    const Array3 first = together.probe_data("out");
    together.reset();
    together.set_input("x", input);
    together.run_steps(steps);
    const Array3 again = together.probe_data("out");
    std::size_t different = 0, nonzero = 0;
    for (Index i = 0; i < first.size(); ++i) {
      different += first.data()[i] != again.data()[i] ? 1 : 0;
      nonzero += first.data()[i] != 0.0f ? 1 : 0;
    }
    CHECK(different == 0);
    CHECK(nonzero > 0);
  }
}

}  // namespace netsim::test
