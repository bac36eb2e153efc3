// Function nodes (core/node_kinds/function.h) and decoded functions (networks/ensemble.h)
// read from network files: values against hand computations, located errors, no gradient.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include <netsim/builder/simulator_training.h>
#include <netsim/config/diagnostic.h>
#include <netsim/config/network_file.h>
#include <netsim/netsim.h>

#include "scratch_dir.h"

namespace netsim::test {
namespace {

std::string load_error(const std::string& yaml) {
  const ScratchDir dir;
  try {
    (void)config::load_network_file(dir.write("net.yaml", yaml));
  } catch (const config::ConfigError& e) {
    std::string all;
    for (const auto& d : e.diagnostics()) all += std::to_string(d.line) + ":" + d.path + ": " + d.message + "\n";
    return all;
  }
  return "";
}

}  // namespace

TEST_CASE("function nodes: f(t) and f(t, x) from a network file equal the formulas, row by row") {
  const ScratchDir dir;
  const auto file = config::load_network_file(dir.write("f.yaml", R"yaml(netsim: 1
dt: 0.01
nodes:
  x: {input: 2}
  wave: {function: ["sin(2 * pi * t)", "t < 0.025 ? 1 : -e"]}
  prod: {size_in: 2, function: [x0 * x1, "max(x0, x1) + t", "x1 > 0 && x0 > 0"]}
  one: {size_in: 1, function: x^2}
connections:
  - {from: x, to: prod}
  - {from: "x[1]", to: one}
probes:
  wave_p: wave
  prod_p: prod
  one_p: one
)yaml"));
  Simulator sim(file.network, file.simulator_options(3));
  Array3 data(3, 5, 2);
  for (Index b = 0; b < 3; ++b)
    for (Index k = 0; k < 5; ++k) {
      data(b, k, 0) = static_cast<float>(0.3 * static_cast<double>(b) - 0.4);
      data(b, k, 1) = static_cast<float>(0.25 * static_cast<double>(k) - 0.5);
    }
  sim.set_input("x", data);
  sim.run_steps(5);
  const Array3 wave = sim.probe_data("wave_p"), prod = sim.probe_data("prod_p"), one = sim.probe_data("one_p");
  for (Index b = 0; b < 3; ++b) {
    for (Index k = 0; k < 5; ++k) {
      const double t = 0.01 * static_cast<double>(k + 1);
      const double x0 = data(b, k, 0), x1 = data(b, k, 1);
      CAPTURE(b);
      CAPTURE(k);
      CHECK(wave(b, k, 0) == doctest::Approx(std::sin(2 * std::numbers::pi * t)).epsilon(1e-6));
      CHECK(wave(b, k, 1) == doctest::Approx(t < 0.025 ? 1.0 : -std::numbers::e).epsilon(1e-6));
      CHECK(prod(b, k, 0) == doctest::Approx(x0 * x1).epsilon(1e-6));
      CHECK(prod(b, k, 1) == doctest::Approx(std::max(x0, x1) + t).epsilon(1e-6));
      CHECK(prod(b, k, 2) == (x1 > 0 && x0 > 0 ? 1.0f : 0.0f));
      CHECK(one(b, k, 0) == doctest::Approx(x1 * x1).epsilon(1e-6));
    }
  }
}

TEST_CASE("function nodes: bad formulas are located errors naming the variables") {
  const std::string head = "netsim: 1\nnodes:\n  x: {input: 2}\n";
  CHECK(load_error(head + "  f: {size_in: 2, function: \"x0 *\"}\n") ==
        "4:nodes.f.function: expression 'x0 *': unexpected end of expression at position 5 (the variables are x0, x1, t)\n");
  CHECK(load_error(head + "  f: {function: [sin(t), y + 1]}\n") ==
        "4:nodes.f.function: expression 'y + 1': unexpected token \"y\" found at position 0 (the variables are t)\n");
  CHECK(load_error(head + "  f: {size_in: 0, function: x0}\n").find("4:nodes.f.size_in: expected a positive integer") == 0);
  CHECK(load_error(head + "  f: {function: {a: 1}}\n").find("4:nodes.f.function: expected an expression such as") == 0);
  CHECK(load_error(head + "  f: {function: sin(t), size: 3}\n").find("got both size and function") != std::string::npos);
  CHECK(load_error(head + "  f: {function: sin(t), size_in: 1, extra: 3}\n").find("nodes.f.extra: unknown key") != std::string::npos);
}

TEST_CASE("function nodes: C++ callables are checked once, and a function node has no gradient") {
  Network net;
  CHECK_THROWS_WITH_AS(net.function("bad", 2, [](double) { return VectorD::Zero(3); }),
                       "node 'bad': function: expected 2 values (the node's size), got 3 at t = 0", ValidationError);
  CHECK_THROWS_WITH_AS(net.function("nan", 1, 1, [](double, const VectorD& x) { return VectorD(x.array().log()); }),
                       "node 'nan': function: expected finite values, got a non-finite one at t = 0, x = 0", ValidationError);
  // Trainable weights before a function node: the backward pass stops and names it; with
  // nothing trainable before it, training what follows works.
  for (const bool trainable_before : {true, false}) {
    Network n;
    auto x = n.input("x", 2);
    auto f = n.function("f", 2, 2, [](double, const VectorD& v) { return VectorD(v.array().tanh()); });
    auto y = n.node("y", 1);
    n.connect(x, f, {.transform = Transform::dense(MatrixD::Identity(2, 2)), .trainable = trainable_before});
    n.connect(f, y, {.transform = Transform::dense(MatrixD::Ones(1, 2)), .trainable = true});
    n.probe(y, {.name = "yp"});
    Simulator sim(n, {.minibatch = 2});
    Array3 data(2, 3, 2, 0.5f);
    sim.set_input("x", data);
    auto training = sim.training_support();
    training.set_recording(true);
    sim.run_steps(3);
    Array3 g(2, 3, 1, 1.0f);
    training.set_probe_gradients({{"yp", g}});
    CAPTURE(trainable_before);
    if (trainable_before) {
      CHECK_THROWS_WITH_AS(training.backward(), doctest::Contains("node 'f': a function node has no gradient"), SimulationError);
    } else {
      const auto grads = training.backward();
      CHECK(!grads.empty());
    }
  }
}

}  // namespace netsim::test
