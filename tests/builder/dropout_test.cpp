// Dropout nodes: identity outside training; in training runs each value dropped with
// probability `rate` and the rest scaled by 1/(1 - rate), reproducibly per draw and
// independently of how the minibatch is split among threads.

#include <doctest/doctest.h>

#include <cmath>

#include <netsim/builder/simulator_training.h>
#include <netsim/netsim.h>

namespace netsim::test {
namespace {

Array3 run(const Network& net, const Array3& x, bool training, std::uint64_t draw, Index rows_per_task = 8) {
  Simulator sim(net, {.dt = 1.0, .minibatch = x.dim(0), .rows_per_task = rows_per_task});
  sim.training_support().set_training(training, draw);
  sim.set_input("x", x);
  sim.run_steps(x.dim(1));
  return sim.probe_data("p");
}

}  // namespace

TEST_CASE("dropout: identity outside training, in training 0 or x/(1-rate), about `rate` dropped") {
  Network net;
  auto x = net.input("x", 500);
  auto d = net.dropout("d", 500, 0.3);
  net.connect(x, d);
  net.probe(d, {.name = "p"});
  Array3 in(8, 3, 500);
  Rng rng(1);
  for (Index i = 0; i < in.size(); ++i) in.data()[i] = static_cast<float>(rng.uniform(0.5, 1.5));

  const Array3 off = run(net, in, false, 0);
  for (Index i = 0; i < in.size(); ++i) REQUIRE(off.data()[i] == in.data()[i]);

  const Array3 on = run(net, in, true, 5);
  Index dropped = 0, scaled = 0;
  for (Index i = 0; i < in.size(); ++i) {
    if (on.data()[i] == 0.0f) ++dropped;
    else if (std::abs(on.data()[i] - in.data()[i] / 0.7f) < 1e-5f) ++scaled;
  }
  CHECK(dropped + scaled == in.size());
  // 12,000 draws: the fraction dropped has a standard deviation of sqrt(0.3 * 0.7 / 12000)
  // = 0.0042; five of them (0.021) is the bound (doctest's Approx would have allowed 0.09).
  const double fraction = static_cast<double>(dropped) / static_cast<double>(in.size());
  INFO("fraction dropped " << fraction);
  CHECK(std::abs(fraction - 0.3) < 0.021);

  // The same draw gives the same masks, on any split of the minibatch; another draw does not.
  const Array3 again = run(net, in, true, 5, 1);
  const Array3 other = run(net, in, true, 6);
  Index same = 0, differ = 0;
  for (Index i = 0; i < in.size(); ++i) {
    same += again.data()[i] == on.data()[i];
    differ += other.data()[i] != on.data()[i];
  }
  CHECK(same == in.size());
  CHECK(differ > in.size() / 4);
  // Different steps and rows draw differently too (no repeated mask).
  Index equal_masks = 0;
  for (Index i = 0; i < 500; ++i) equal_masks += (on(0, 0, i) == 0.0f) == (on(0, 1, i) == 0.0f);
  CHECK(equal_masks < 450);

  CHECK_THROWS_WITH_AS(net.dropout("bad", 3, 1.0), "node 'bad': dropout: rate: expected a number in [0, 1), got 1.000000",
                       ValidationError);
}

}  // namespace netsim::test
