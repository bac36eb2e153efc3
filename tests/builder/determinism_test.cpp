// The same seed gives the same bits with 1 thread or many, with any unroll factor.

#include <doctest/doctest.h>

#include <cstring>

#include <netsim/netsim.h>

namespace netsim::test {
namespace {

Network lmu_like() {
  Network net("lmu-like");
  auto x = net.input("x", 1);
  auto m = net.node("m", 24);
  auto h = net.node("h", 20, Activation::tanh);
  auto out = net.node("out", 5);
  net.connect(x, m, {.transform = init::uniform(-0.5, 0.5), .trainable = false});
  net.connect(m, m, {.transform = init::orthogonal(0.95), .synapse = Synapse::delay(), .trainable = false});
  net.connect(x, h, {.transform = init::glorot_uniform()});
  net.connect(m, h, {.transform = init::glorot_uniform()});
  net.connect(h, h, {.transform = init::orthogonal(), .synapse = Synapse::delay()});
  net.connect(h, out, {.transform = init::glorot_uniform(), .synapse = Synapse::lowpass(2.0)});
  net.probe(out, {.name = "out_p"});
  net.probe(h, {.name = "h_p", .keep_history = false});
  return net;
}

Array3 random_input(Index batch, Index steps, std::uint64_t seed) {
  Array3 a(batch, steps, 1);
  Rng rng(seed);
  for (Index i = 0; i < a.size(); ++i) a.data()[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
  return a;
}

std::vector<Array3> run(int threads, int unroll, std::uint64_t seed = 7, Index rows_per_task = 4) {
  Simulator sim(lmu_like(), {.dt = 1.0, .minibatch = 37, .unroll = unroll, .seed = seed, .threads = threads, .rows_per_task = rows_per_task});
  sim.set_input("x", random_input(37, 60, 3));
  sim.run_steps(60);
  return {sim.probe_data("out_p"), sim.probe_data("h_p")};
}

bool same_bits(const Array3& a, const Array3& b) {
  return a.shape() == b.shape() && std::memcmp(a.data(), b.data(), sizeof(float) * static_cast<std::size_t>(a.size())) == 0;
}

}  // namespace

TEST_CASE("determinism: 1 thread and all threads give bit-identical probes") {
  const auto one = run(1, 1);
  const auto two = run(2, 1);
  const auto all = run(0, 1);
  for (std::size_t i = 0; i < one.size(); ++i) {
    CHECK(same_bits(one[i], two[i]));
    CHECK(same_bits(one[i], all[i]));
  }
}

TEST_CASE("determinism: the automatic task size does not depend on the thread count") {
  const auto one = run(1, 3, 7, 0);
  const auto all = run(0, 3, 7, 0);
  for (std::size_t i = 0; i < one.size(); ++i) CHECK(same_bits(one[i], all[i]));
}

TEST_CASE("determinism: the unroll factor does not change any bit") {
  const auto k1 = run(0, 1);
  const auto k7 = run(0, 7);
  const auto k64 = run(0, 64);
  for (std::size_t i = 0; i < k1.size(); ++i) {
    CHECK(same_bits(k1[i], k7[i]));
    CHECK(same_bits(k1[i], k64[i]));
  }
}

TEST_CASE("determinism: the seed decides the initial weights") {
  const auto a = run(0, 1, 7);
  const auto b = run(0, 1, 8);
  CHECK(!same_bits(a[0], b[0]));
  CHECK(same_bits(a[0], run(0, 1, 7)[0]));
}

}  // namespace netsim::test
