// Several connections between the same two nodes, as Nengo allows: each adds its own
// contribution, and unnamed ones get derived names ("pre->post#2") that key their weights.

#include <doctest/doctest.h>

#include <cmath>

#include <netsim/config/network_file.h>
#include <netsim/netsim.h>

#include "scratch_dir.h"

namespace netsim::test {

TEST_CASE("parallel connections: slices of one node into another through two connections") {
  Network net;
  MatrixD rows(3, 2);
  rows << 0.5, -1.0, 2.0, 0.25, -0.75, 1.5;
  auto x = net.sequence("x", rows);
  auto y = net.node("y", 2);
  CHECK(net.connect(x[0], y[1], {.transform = 2.0}).name == "x->y");
  CHECK(net.connect(x[1], y[0], {.transform = Transform::dense(MatrixD::Constant(1, 1, -1.0))}).name == "x->y#2");
  net.probe(y, {.name = "y_p"});
  Simulator sim(net, {.dt = 0.01});
  sim.run_steps(3);
  const Array3 d = sim.probe_data("y_p");
  for (Index k = 0; k < 3; ++k) {
    CHECK(d(0, k, 0) == doctest::Approx(-rows(k, 1)));  // x[1] through -1 into y[0]
    CHECK(d(0, k, 1) == doctest::Approx(2.0 * rows(k, 0)));  // x[0] through 2 into y[1]
  }
  CHECK(sim.parameter("x->y").value(0, 0) == doctest::Approx(2.0));
  CHECK(sim.parameter("x->y#2").value(0, 0) == doctest::Approx(-1.0));
}

TEST_CASE("parallel connections: the same pair with synapse 0 and with lowpass, from YAML") {
  const ScratchDir dir;
  const std::string path = dir.write("parallel.yaml", R"(netsim: 1
dt: 0.01
nodes:
  s: {sequence: [1.0, -0.5, 2.0, 0.0, 0.75, -1.0]}
  z: {size: 1}
connections:
  - {from: s, to: z, synapse: 0}
  - {from: s, to: z, synapse: {lowpass: 0.02}, transform: 3.0}
probes:
  z_p: z
)");
  const auto file = config::load_network_file(path);
  REQUIRE(file.network.connections().size() == 2);
  CHECK(file.network.connections()[1].name == "s->z#2");
  Simulator sim(file.network, file.simulator_options());
  sim.run_steps(6);
  const Array3 d = sim.probe_data("z_p");
  // Nengo's timing by hand: z_k = s_{k-1} + l_k, l_k = a l_{k-1} + (1 - a) 3 s_{k-1}.
  const double s[] = {1.0, -0.5, 2.0, 0.0, 0.75, -1.0};
  const double a = std::exp(-0.01 / 0.02);
  double l = 0.0;
  for (int k = 1; k <= 6; ++k) {
    const double previous = k >= 2 ? s[k - 2] : 0.0;
    l = a * l + (1.0 - a) * 3.0 * previous;
    CHECK(d(0, k - 1, 0) == doctest::Approx(previous + l).epsilon(1e-5));
  }
}

}  // namespace netsim::test
