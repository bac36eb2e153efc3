// The LMU: its memory matrices against SciPy's cont2discrete (tests/data/lmu, written by
// scripts/lmu_reference.py), its structure for each option, and the two psMNIST network
// files (LMU kind and node by node) building the same computation.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "netsim/config/network_file.h"
#include "netsim/core/npy.h"
#include "netsim/core/random.h"
#include "netsim/netsim.h"
#include "netsim/networks/lmu.h"

namespace netsim::test {
namespace {

double max_difference(const MatrixD& ours, const NdArray& reference) {
  REQUIRE(reference.element_count() == ours.size());
  double worst = 0.0;
  for (Index i = 0; i < ours.size(); ++i)
    worst = std::max(worst, std::abs(ours.data()[i] - static_cast<double>(reference.values[static_cast<std::size_t>(i)])));
  return worst;
}

}  // namespace

TEST_CASE("LMU matrices: zero-order hold matches SciPy's cont2discrete") {
  for (auto [order, theta] : {std::pair<Index, double>{1, 1.0}, {6, 10.0}, {32, 100.0}, {256, 784.0}}) {
    CAPTURE(order);
    const std::string tag = std::to_string(order) + "_" + std::to_string(static_cast<long>(theta));
    const auto m = networks::lmu_discrete(order, theta, networks::Discretizer::zoh);
    const NdArray a = read_npy(std::string(NETSIM_TEST_DATA) + "/lmu/zoh_A_" + tag + ".npy");
    const NdArray b = read_npy(std::string(NETSIM_TEST_DATA) + "/lmu/zoh_B_" + tag + ".npy");
    // The reference is float64 stored, read back as float32: agreement to float32 rounding.
    CHECK(max_difference(m.a, a) < 2e-7);
    CHECK(max_difference(m.b, b) < 2e-8);
  }
  // By hand: order 1, theta 1 is dx/dt = -x + u: Ad = e^-1, Bd = 1 - e^-1.
  const auto one = networks::lmu_discrete(1, 1.0, networks::Discretizer::zoh);
  CHECK(one.a(0, 0) == doctest::Approx(std::exp(-1.0)).epsilon(1e-12));
  CHECK(one.b(0, 0) == doctest::Approx(1.0 - std::exp(-1.0)).epsilon(1e-12));
}

TEST_CASE("LMU matrices: Euler is I + A and B, and bad sizes are refused") {
  const auto c = networks::lmu_continuous(4, 8.0);
  CHECK(c.a(0, 0) == doctest::Approx(-1.0 / 8.0));
  CHECK(c.a(2, 1) == doctest::Approx(5.0 / 8.0));   // i > j, i-j+1 = 2: +R_i
  CHECK(c.a(1, 3) == doctest::Approx(-3.0 / 8.0));  // i < j: -R_i
  CHECK(c.b(3, 0) == doctest::Approx(-7.0 / 8.0));
  const auto e = networks::lmu_discrete(4, 8.0, networks::Discretizer::euler);
  CHECK((e.a - (MatrixD::Identity(4, 4) + c.a)).norm() < 1e-15);
  CHECK((e.b - c.b).norm() < 1e-15);
  CHECK_THROWS_AS(networks::lmu_continuous(0, 8.0), ValidationError);
  CHECK_THROWS_AS(networks::lmu_continuous(4, 0.0), ValidationError);
}

TEST_CASE("LMU subnetwork: nodes, connections and ports for each option") {
  Network net;
  const auto p = networks::lmu(net, "lmu", {.input_size = 3, .memory_d = 2, .order = 5, .theta = 20, .units = 7,
                                            .hidden_to_memory = true, .memory_to_memory = true, .input_to_hidden = true});
  CHECK(p.input.name == "lmu.x");
  CHECK(p.memory.name == "lmu.m");
  CHECK(p.hidden.name == "lmu.h");
  CHECK(net.find_node("lmu.m")->size_out == 10);
  CHECK(net.connections().size() == 8);  // x-u, m-m, u-m, m-u, x-h, h-h, m-h, h-u
  const Connection* a = net.find_connection("lmu.m->lmu.m");
  REQUIRE(a);
  CHECK(!a->trainable);
  // Two memory dimensions: A twice on the diagonal, nothing between them.
  const MatrixD& big = a->transform.matrix();
  const auto small = networks::lmu_discrete(5, 20, networks::Discretizer::zoh);
  CHECK((big.block(5, 5, 5, 5) - small.a).norm() < 1e-12);
  CHECK(big.block(0, 5, 5, 5).norm() == 0.0);
  CHECK(net.find_connection("lmu.h->lmu.u")->synapse.to_string() == Synapse::delay().to_string());

  Network bare;
  const auto q = networks::lmu(bare, "mem", {.order = 4, .theta = 4, .units = 0});
  CHECK(q.hidden.name == "mem.m");
  CHECK(bare.connections().size() == 3);
  CHECK_THROWS_WITH_AS(networks::lmu(bare, "bad", {.order = 4, .units = 0, .input_to_hidden = true}),
                       doctest::Contains("lmu 'bad': input_to_hidden and hidden_to_memory need a hidden cell"), ValidationError);
}

TEST_CASE("psMNIST: the LMU-kind file and the node-by-node file build the same computation") {
  const auto kind = config::load_network_file(std::string(NETSIM_EXAMPLES) + "/psmnist_lmu.yaml");
  const auto nodes = config::load_network_file(std::string(NETSIM_EXAMPLES) + "/psmnist_lmu_nodes.yaml");
  Simulator a(kind.network, kind.simulator_options(3));
  Simulator b(nodes.network, nodes.simulator_options(3));
  // Same connections with weights, same shapes, same initial values (same seed and names).
  REQUIRE(a.parameters().size() == b.parameters().size());
  for (const Parameter* p : a.parameters()) {
    CAPTURE(p->name);
    const Parameter& q = b.parameter(p->name);
    REQUIRE(q.value.rows() == p->value.rows());
    REQUIRE(q.value.cols() == p->value.cols());
    CHECK((q.value - p->value).cwiseAbs().maxCoeff() == 0.0f);
  }
  Array3 x(3, 784, 1);
  Rng rng(2);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(rng.uniform());
  a.set_input("inp", x);
  b.set_input("inp", x);
  a.run_steps(784);
  b.run_steps(784);
  const Array3 ya = a.probe_data("out_p"), yb = b.probe_data("out_p");
  REQUIRE(ya.shape() == yb.shape());
  CHECK(std::memcmp(ya.data(), yb.data(), sizeof(float) * static_cast<std::size_t>(ya.size())) == 0);
}

}  // namespace netsim::test
