// Which signals the backward pass needs gradients of (gradient_needs.h), and that skipping
// the others changes no weight's gradient.
#include <doctest/doctest.h>

#include <netsim/builder/simulator_training.h>
#include <netsim/builder/gradient_needs.h>
#include <netsim/builder/model.h>
#include <netsim/netsim.h>
#include <netsim/optimizer/backprop.h>

namespace netsim::test {

namespace {

// x (input) -> h (tanh, trainable weights) -> out (trainable); a constant c -> out through
// fixed weights; f: x through fixed weights only; r: a recurrence fed by h.
Network network() {
  Network net;
  auto x = net.input("x", 3);
  auto c = net.constant("c", VectorD::Ones(2));
  auto h = net.node("h", 4, Activation::tanh);
  auto f = net.node("f", 2);
  auto r = net.node("r", 2);
  auto out = net.node("out", 2);
  net.connect(x, h, {.transform = init::uniform(-0.5, 0.5)});
  net.connect(x, f, {.transform = init::uniform(-0.5, 0.5), .trainable = false});
  net.connect(h, out, {.transform = init::uniform(-0.5, 0.5)});
  net.connect(c, out, {.transform = init::uniform(-0.5, 0.5), .trainable = false});
  net.connect(f, out);
  net.connect(h, r, {.transform = init::uniform(-0.5, 0.5), .trainable = false});
  net.connect(r, r, {.transform = init::uniform(-0.5, 0.5), .synapse = Synapse::delay(), .trainable = false});
  net.connect(r, out, {.transform = init::uniform(-0.5, 0.5), .trainable = false});
  net.probe(out, {.name = "p"});
  return net;
}

}  // namespace

TEST_CASE("gradient needs: only signals some trainable weight influences") {
  const Model model = build_model(network(), {.rewrites = RewriteOptions::all(false)});
  const std::vector<bool> needed = signals_needing_gradients(model);
  auto of = [&](const std::string& node) { return needed[static_cast<std::size_t>(model.node_output.at(node))]; };
  CHECK_FALSE(of("x"));
  CHECK_FALSE(of("c"));
  CHECK_FALSE(of("f"));  // from x through fixed weights only
  CHECK(of("h"));
  CHECK(of("r"));        // fixed weights, but fed by h
  CHECK(of("out"));
}

TEST_CASE("gradient needs: skipping the unneeded gradients leaves every weight's gradient bit for bit") {
  const Network net = network();
  Rng rng(4);
  Array3 input(3, 7, 3), coeff(3, 7, 2);
  for (Index i = 0; i < input.size(); ++i) input.data()[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
  for (Index i = 0; i < coeff.size(); ++i) coeff.data()[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
  auto gradients = [&](bool skip) {
    Simulator sim(net, {.minibatch = 3, .seed = 1, .skip_unneeded_gradients = skip});
    sim.set_input("x", input);
    sim.training_support().set_recording(true);
    sim.run_steps(7);
    return Backprop(sim).run({{"p", coeff}}, {});
  };
  const ParameterGradients skipped = gradients(true), every = gradients(false);
  REQUIRE(skipped.size() == every.size());
  int compared = 0;
  for (std::size_t i = 0; i < every.size(); ++i) {
    REQUIRE(skipped[i].size() == every[i].size());
    if (every[i].size() == 0) continue;
    CHECK(skipped[i] == every[i]);
    CHECK(every[i].norm() > 0.0f);
    ++compared;
  }
  CHECK(compared == 2);  // x -> h and h -> out
}

}  // namespace netsim::test
