// Every golden case recorded from the Nengo reference simulator, reproduced to 1e-6
// absolute at dt = 0.001 and dt = 1.0.

#include <doctest/doctest.h>

#include <cmath>

#include "golden_network.h"

namespace netsim::test {
namespace {

struct RunShape {
  Index minibatch = 1;
  int unroll = 1;
  Index rows_per_task = 16;
  long first_chunk = 0;  // run this many steps first, then the rest (0: all at once)
};

void check_against_nengo(const std::string& file, RunShape shape = {}) {
  CAPTURE(file);
  GoldenCase g = load_golden(file);
  Simulator sim(g.network, {.dt = g.dt, .minibatch = shape.minibatch, .unroll = shape.unroll,
                            .rows_per_task = shape.rows_per_task});
  if (shape.first_chunk > 0) sim.run_steps(shape.first_chunk);
  sim.run_steps(g.steps - shape.first_chunk);
  REQUIRE(!g.probe_data.empty());
  for (const auto& [name, expected] : g.probe_data) {
    CAPTURE(name);
    const Array3 got = sim.probe_data(name);
    REQUIRE(got.dim(0) == shape.minibatch);
    REQUIRE(got.dim(1) == static_cast<Index>(expected.size()));
    REQUIRE(got.dim(2) == static_cast<Index>(expected[0].size()));
    double worst = 0.0;
    for (Index b = 0; b < got.dim(0); ++b)
      for (Index s = 0; s < got.dim(1); ++s)
        for (Index i = 0; i < got.dim(2); ++i)
          worst = std::max(worst, std::abs(got(b, s, i) - expected[static_cast<std::size_t>(s)][static_cast<std::size_t>(i)]));
    CHECK(worst <= 1e-6);
    const std::vector<double> times = sim.probe_times(name);
    const std::vector<double>& expected_times = g.probe_times.at(name);
    REQUIRE(times.size() == expected_times.size());
    for (std::size_t s = 0; s < times.size(); ++s) CHECK(times[s] == doctest::Approx(expected_times[s]).epsilon(1e-12));
  }
}

void check_case(const std::string& name) {
  for (const char* dt : {"0.001", "1.0"}) {
    const std::string file = name + "__dt" + dt + ".json";
    check_against_nengo(file);
    // The same numbers for every sequence of a minibatch cut into 1-row tasks, with an
    // unrolled schedule and a run split in two.
    check_against_nengo(file, {.minibatch = 3, .unroll = 5, .rows_per_task = 1, .first_chunk = 3});
  }
}

}  // namespace

TEST_CASE("golden a: synapse none is instantaneous, constant and time nodes") { check_case("a_node_to_node_synapse_none"); }
TEST_CASE("golden b: synapse 0 delays exactly one step") { check_case("b_node_to_node_synapse_zero"); }
TEST_CASE("golden c: lowpass is the ZOH filter with one step of delay") { check_case("c_lowpass"); }
TEST_CASE("golden d: alpha is the ZOH filter with one step of delay") { check_case("d_alpha"); }
TEST_CASE("golden e: LMU memory recurrence m = A m[k-1] + B u[k]") { check_case("e_lmu_memory_recurrence"); }
TEST_CASE("golden f: delays add up along mixed chains") { check_case("f_chain_mixed_synapses"); }
TEST_CASE("golden g: probe synapse and sample_every") { check_case("g_probe_synapse_sample_every"); }
TEST_CASE("golden h: tanh activation node in the same step") { check_case("h_tanh_function_node"); }
TEST_CASE("golden i2: a loop broken by synapse 0 runs") { check_case("i2_loop_broken_by_synapse_zero"); }
TEST_CASE("golden j: the psMNIST LMU topology in miniature") { check_case("j_mini_lmu_psmnist_topology"); }

}  // namespace netsim::test
