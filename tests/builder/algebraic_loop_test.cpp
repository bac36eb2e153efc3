// A cycle made only of synapse-none connections is a build error naming the cycle
// (golden i_algebraic_loop: the three variants Nengo rejects).

#include <doctest/doctest.h>

#include <netsim/netsim.h>

namespace netsim::test {
namespace {

std::string build_error(const Network& net) {
  try {
    Simulator sim(net, {.dt = 1.0});
  } catch (const BuildError& e) {
    return e.what();
  }
  return "";
}

// u -> a -> b -> a, with the given synapse on b -> a (golden i_algebraic_loop / i2).
Network accumulator_loop(const Synapse& back) {
  Network net;
  auto u = net.input("u", 1);
  auto a = net.node("a", 1);
  auto b = net.node("b", 1);
  net.connect(u, a);
  net.connect(a, b, {.transform = 0.5});
  net.connect(b, a, {.synapse = back});
  return net;
}

}  // namespace

TEST_CASE("algebraic loop: two passthrough nodes a -> b -> a") {
  const std::string msg = build_error(accumulator_loop(Synapse::none()));
  CHECK(msg.find("algebraic loop: a -> b -> a") != std::string::npos);
  CHECK(msg.find("'a->b', 'b->a'") != std::string::npos);
  CHECK(msg.find("synapse: 0") != std::string::npos);
}

TEST_CASE("algebraic loop: through a tanh node") {
  Network net;
  auto u = net.input("u", 2);
  auto a = net.node("a", 2);
  auto f = net.node("f", 2, Activation::tanh);
  net.connect(u, a);
  net.connect(a, f);
  net.connect(f, a, {.name = "back"});
  const std::string msg = build_error(net);
  CHECK(msg.find("a -> f -> a") != std::string::npos);
  CHECK(msg.find("'a->f', 'back'") != std::string::npos);
}

TEST_CASE("algebraic loop: self connection m -> m with synapse none") {
  Network net;
  auto m = net.node("m", 3);
  net.connect(m, m, {.transform = init::orthogonal()});
  const std::string msg = build_error(net);
  CHECK(msg.find("m -> m") != std::string::npos);
  CHECK(msg.find("'m->m'") != std::string::npos);
}

TEST_CASE("algebraic loop: synapse 0 on one edge makes the loop legal") {
  CHECK(build_error(accumulator_loop(Synapse::delay())).empty());
}

TEST_CASE("algebraic loop: a lowpass edge also breaks the loop, a slice does not") {
  Network net;
  auto a = net.node("a", 2);
  auto b = net.node("b", 2);
  net.connect(a[0], b[1]);
  net.connect(b, a, {.synapse = Synapse::lowpass(0.01)});
  CHECK(build_error(net).empty());
  net.connect(b[1], a[1], {.name = "fast"});
  CHECK(build_error(net).find("'a->b', 'fast'") != std::string::npos);
}

}  // namespace netsim::test
