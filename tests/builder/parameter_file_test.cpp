// save_params / load_params: weights move between simulators of one description; every
// mismatch is refused before anything changes.
#include <doctest/doctest.h>

#include "netsim/builder/parameter_file.h"
#include "netsim/core/npz.h"
#include "netsim/netsim.h"
#include "scratch_dir.h"

namespace netsim::test {
namespace {

Network small_network() {
  Network net("params");
  auto x = net.input("x", 3);
  auto h = net.node("h", 2, Activation::tanh);
  net.connect(x, h, {.transform = init::glorot_uniform()});
  net.connect(h, h, {.transform = Transform::diagonal(VectorD::Constant(2, 0.5)), .synapse = Synapse::delay()});
  net.connect(h, net.node("y", 2), {.transform = 3.0, .trainable = false, .name = "gain"});
  return net;
}

}  // namespace

TEST_CASE("parameter file: save then load into a differently seeded simulator restores every weight") {
  const ScratchDir dir;
  const Network net = small_network();
  Simulator a(net, {.seed = 1});
  a.set_parameter("h->h", Matrix::Constant(2, 1, 0.25f));
  save_params(a, dir.file("p.npz"));

  const NamedArrays file = read_npz(dir.file("p.npz"));
  REQUIRE(file.size() == 3);
  CHECK(file[0].first == "x->h");
  CHECK(file[0].second.shape == std::vector<Index>{2, 3});  // dense: (post, pre)
  CHECK(file[1].second.shape == std::vector<Index>{2});     // diagonal: (n,)
  CHECK(file[2].first == "gain");
  CHECK(file[2].second.shape.empty());                      // scalar: ()

  Simulator b(net, {.seed = 2});
  CHECK(b.parameter("x->h").value != a.parameter("x->h").value);
  load_params(b, dir.file("p.npz"));
  for (const char* key : {"x->h", "h->h", "gain"}) CHECK(b.parameter(key).value == a.parameter(key).value);
}

TEST_CASE("parameter file: unknown keys, wrong shapes and missing weights are errors") {
  const ScratchDir dir;
  Simulator sim(small_network());
  const Matrix before = sim.parameter("x->h").value;

  write_npz(dir.file("unknown.npz"), {{"x->y", NdArray{{1}, {1}}}});
  CHECK_THROWS_WITH_AS(load_params(sim, dir.file("unknown.npz")),
                       doctest::Contains("key \"x->y\": expected a connection with weights (one of [gain, h->h, x->h])"),
                       ValidationError);
  write_npz(dir.file("shape.npz"), {{"x->h", NdArray{{3, 2}, {1, 2, 3, 4, 5, 6}}}});
  CHECK_THROWS_WITH_AS(load_params(sim, dir.file("shape.npz")),
                       doctest::Contains("key \"x->h\": expected shape (2, 3), got (3, 2)"), ValidationError);
  write_npz(dir.file("partial.npz"), {{"x->h", NdArray{{2, 3}, {1, 2, 3, 4, 5, 6}}}});
  CHECK_THROWS_WITH_AS(load_params(sim, dir.file("partial.npz")),
                       doctest::Contains("expected weights for connection 'gain' (2 connection(s) missing)"),
                       ValidationError);
  CHECK(sim.parameter("x->h").value == before);  // nothing changed by the failed loads

  load_params(sim, dir.file("partial.npz"), {.allow_missing = true});
  CHECK(sim.parameter("x->h").value(1, 2) == 6.0f);
}

TEST_CASE("parameter file: loaded weights are what the next step uses") {
  const ScratchDir dir;
  Network net("dot");
  net.connect(net.input("x", 1), net.node("y", 1), {.transform = init::ones(), .name = "w"});
  net.probe(NodeRef{"y", {}}, {.name = "y_p"});
  Simulator sim(net);
  sim.set_input("x", Array3(1, 1, 1, 2.0f));
  write_npz(dir.file("w.npz"), {{"w", NdArray{{1, 1}, {-3}}}});
  load_params(sim, dir.file("w.npz"));
  sim.run_steps(1);
  CHECK(sim.probe_data("y_p")(0, 0, 0) == doctest::Approx(-6.0));
}

}  // namespace netsim::test
