// Simulator behaviour checked against hand computations: input nodes over a minibatch,
// slices, elementwise transforms, filters, keep_history, reset and the error paths.

#include <doctest/doctest.h>

#include <cmath>

#include <netsim/netsim.h>

namespace netsim::test {
namespace {

// x[b, k-1, i] = 0.1 (b + 1) + 0.01 k - 0.2 i
Array3 ramp(Index batch, Index steps, Index size) {
  Array3 a(batch, steps, size);
  for (Index b = 0; b < batch; ++b)
    for (Index k = 0; k < steps; ++k)
      for (Index i = 0; i < size; ++i) a(b, k, i) = static_cast<float>(0.1 * double(b + 1) + 0.01 * double(k + 1) - 0.2 * double(i));
  return a;
}

}  // namespace

TEST_CASE("Simulator: input node feeds each sequence its own rows, tanh and delay follow") {
  Network net;
  auto x = net.input("x", 2);
  auto h = net.node("h", 2, Activation::tanh);
  auto y = net.node("y", 2);
  MatrixD w(2, 2);
  w << 1.0, -2.0, 0.5, 0.25;
  net.connect(x, h, {.transform = Transform::dense(w)});
  net.connect(h, y, {.synapse = Synapse::delay()});
  net.probe(h, {.name = "h"});
  net.probe(y, {.name = "y"});
  Simulator sim(net, {.dt = 1.0, .minibatch = 3, .rows_per_task = 2});
  const Array3 in = ramp(3, 6, 2);
  sim.set_input("x", in);
  sim.run_steps(6);
  const Array3 h_data = sim.probe_data("h"), y_data = sim.probe_data("y");
  CHECK(h_data.shape() == std::array<Index, 3>{3, 6, 2});
  for (Index b = 0; b < 3; ++b) {
    for (Index k = 0; k < 6; ++k) {
      for (Index i = 0; i < 2; ++i) {
        const double expect = std::tanh(w(i, 0) * in(b, k, 0) + w(i, 1) * in(b, k, 1));
        CHECK(h_data(b, k, i) == doctest::Approx(expect).epsilon(1e-6));
        CHECK(y_data(b, k, i) == doctest::Approx(k == 0 ? 0.0 : h_data(b, k - 1, i)).epsilon(1e-7));
      }
    }
  }
}

TEST_CASE("Simulator: slices on pre and post, scalar and diagonal transforms") {
  Network net;
  auto x = net.input("x", 4);
  auto y = net.node("y", 3);
  net.connect(x[Slice::range(std::nullopt, std::nullopt, -2)], y[Slice::range(0, 2)], {.transform = 2.0, .name = "rev"});  // y[0:2] += 2 x[3], x[1]
  net.connect(x[0], y[2], {.trainable = false, .name = "single"});
  VectorD d(2);
  d << -1.0, 3.0;
  net.connect(x[Slice::range(2, 4)], y[Slice::range(-1, -4, -2)], {.transform = Transform::diagonal(d), .name = "diag"});  // y[2] += -x2, y[0] += 3 x3
  MatrixD w(1, 2);
  w << 0.5, -0.5;
  net.connect(x[Slice::range(0, 4, 3)], y[Slice::index(1)], {.transform = Transform::dense(w), .synapse = Synapse::delay(), .name = "dense"});  // y[1] += 0.5 x0 - 0.5 x3 (delayed)
  net.probe(y, {.name = "y"});
  net.probe(y[Slice::range(1, 3)], {.name = "y12"});
  Simulator sim(net, {.dt = 1.0, .minibatch = 2});
  const Array3 in = ramp(2, 4, 4);
  sim.set_input("x", in);
  sim.run_steps(4);
  const Array3 out = sim.probe_data("y"), part = sim.probe_data("y12");
  for (Index b = 0; b < 2; ++b) {
    for (Index k = 0; k < 4; ++k) {
      auto xi = [&](Index step, Index i) { return step < 0 ? 0.0 : double(in(b, step, i)); };
      const double y0 = 2 * xi(k, 3) + 3 * xi(k, 3);
      const double y1 = 2 * xi(k, 1) + 0.5 * xi(k - 1, 0) - 0.5 * xi(k - 1, 3);
      const double y2 = xi(k, 0) - xi(k, 2);
      CHECK(out(b, k, 0) == doctest::Approx(y0).epsilon(1e-6));
      CHECK(out(b, k, 1) == doctest::Approx(y1).epsilon(1e-6));
      CHECK(out(b, k, 2) == doctest::Approx(y2).epsilon(1e-6));
      CHECK(part(b, k, 0) == out(b, k, 1));
      CHECK(part(b, k, 1) == out(b, k, 2));
    }
  }
}

TEST_CASE("Simulator: a linear_filter connection follows the state-space recurrence") {
  // H(s) = (s + 2) / (s + 1): D = 1, so s[k+1] = x[k] + v[k], x[k+1] = a x[k] + (1-a) v[k].
  Network net;
  auto u = net.input("u", 1);
  auto y = net.node("y", 1);
  net.connect(u, y, {.synapse = Synapse::linear_filter({1.0, 2.0}, {1.0, 1.0})});
  net.probe(y, {.name = "y"});
  const double dt = 0.5, a = std::exp(-dt);
  Simulator sim(net, {.dt = dt});
  Array3 in(1, 8, 1);
  for (Index k = 0; k < 8; ++k) in(0, k, 0) = static_cast<float>(k == 0 ? 1.0 : 0.3 * double(k));
  sim.set_input("u", in);
  sim.run_steps(8);
  const Array3 out = sim.probe_data("y");
  double state = 0.0, visible = 0.0;
  for (Index k = 0; k < 8; ++k) {
    CHECK(out(0, k, 0) == doctest::Approx(visible).epsilon(1e-6));
    const double v = in(0, k, 0);
    visible = state + v;
    state = a * state + (1 - a) * v;
  }
}

TEST_CASE("Simulator: keep_history false keeps only the last sample") {
  Network net;
  auto s = net.time("t");
  net.probe(s, {.name = "all"});
  net.probe(s, {.name = "last", .keep_history = false});
  net.probe(s, {.name = "every3", .sample_every = 0.3, .keep_history = false});
  Simulator sim(net, {.dt = 0.1});
  sim.run_steps(10);
  CHECK(sim.probe_data("all").dim(1) == 10);
  const Array3 last = sim.probe_data("last");
  CHECK(last.dim(1) == 1);
  CHECK(last(0, 0, 0) == doctest::Approx(1.0));
  REQUIRE(sim.probe_times("every3").size() == 1);
  CHECK(sim.probe_times("every3")[0] == doctest::Approx(0.9));  // steps 3, 6, 9 sampled; the last kept
  sim.run_steps(2);
  CHECK(sim.probe_data("last")(0, 0, 0) == doctest::Approx(1.2));
  CHECK(sim.probe_data("all").dim(1) == 12);
}

TEST_CASE("Simulator: reset starts again from step 0 with the same results") {
  Network net;
  auto u = net.input("u", 1);
  auto y = net.node("y", 1);
  net.connect(u, y, {.synapse = Synapse::alpha(2.0)});
  net.probe(y, {.name = "y"});
  Simulator sim(net, {.dt = 1.0, .minibatch = 2});
  sim.set_input("u", ramp(2, 5, 1));
  sim.run_steps(5);
  const Array3 first = sim.probe_data("y");
  sim.reset();
  CHECK(sim.current_step() == 0);
  CHECK(sim.probe_data("y").dim(1) == 0);
  sim.run_steps(5);
  const Array3 second = sim.probe_data("y");
  for (Index i = 0; i < first.size(); ++i) CHECK(first.data()[i] == second.data()[i]);
}

TEST_CASE("Simulator: input errors are reported before anything runs") {
  Network net;
  auto x = net.input("x", 2);
  net.probe(x, {.name = "x_p"});
  Simulator sim(net, {.dt = 1.0, .minibatch = 2});
  CHECK_THROWS_WITH_AS(sim.run_steps(3), doctest::Contains("input node 'x': no data"), SimulationError);
  CHECK_THROWS_WITH_AS(sim.set_input("x", Array3(2, 3, 1)), "input node 'x': expected data shaped (2, steps, 2), got (2, 3, 1)", SimulationError);
  CHECK_THROWS_WITH_AS(sim.set_input("y", Array3(2, 3, 2)), "input node 'y': no such input node", SimulationError);
  sim.set_input("x", Array3(2, 3, 2));
  CHECK_THROWS_WITH_AS(sim.run_steps(4), "input node 'x': data has 3 steps, running to step 4 needs 4", SimulationError);
  CHECK(sim.current_step() == 0);
  CHECK_THROWS_AS(sim.run_steps(-1), SimulationError);
  CHECK_THROWS_WITH_AS(sim.probe_data("nope"), "probe 'nope': no such probe (probes: x_p)", SimulationError);
}

TEST_CASE("Simulator: bad options are rejected with the option named") {
  Network net;
  net.time("t");
  CHECK_THROWS_WITH_AS(Simulator(net, {.minibatch = 0}), doctest::Contains("minibatch: expected a positive integer, got 0"), SimulationError);
  CHECK_THROWS_WITH_AS(Simulator(net, {.unroll = 0}), doctest::Contains("unroll"), SimulationError);
  CHECK_THROWS_WITH_AS(Simulator(net, {.dt = -1.0}), doctest::Contains("dt: expected a positive number"), BuildError);
}

TEST_CASE("Simulator: parameters hold the drawn weights with their trainable flags") {
  Network net;
  auto a = net.node("a", 3);
  auto b = net.node("b", 2);
  net.connect(a, b, {.transform = init::ones()});
  net.connect(b, b, {.transform = 0.5, .synapse = Synapse::delay(), .trainable = false});
  Simulator sim(net);
  CHECK(sim.parameter("a->b").value == Matrix::Ones(2, 3));
  CHECK(sim.parameter("a->b").trainable);
  CHECK(sim.parameter("b->b").value(0, 0) == 0.5f);
  CHECK(!sim.parameter("b->b").trainable);
  CHECK_THROWS_AS(sim.parameter("a->a"), SimulationError);
}

}  // namespace netsim::test
