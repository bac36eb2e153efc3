// Network validation: every bad description fails at once with the object named.

#include <doctest/doctest.h>

#include <netsim/netsim.h>

namespace netsim::test {

TEST_CASE("Network: duplicate and malformed names") {
  Network net;
  net.node("a", 2);
  CHECK_THROWS_WITH_AS(net.node("a", 3), "node 'a': a node with this name already exists", ValidationError);
  CHECK_THROWS_WITH_AS(net.node("1a", 3), doctest::Contains("node '1a': expected a name"), ValidationError);
  CHECK_THROWS_AS(net.node("a..b", 3), ValidationError);
  CHECK_THROWS_AS(net.node("", 3), ValidationError);
  CHECK_THROWS_WITH_AS(net.node("b", 0), "node 'b': size: expected a positive integer up to 16777216, got 0", ValidationError);
  CHECK_THROWS_WITH_AS(net.input("x", -5), "node 'x': size: expected a positive integer up to 16777216, got -5", ValidationError);
  CHECK_THROWS_AS(net.node("huge", kMaxNodeSize + 1), ValidationError);
}

TEST_CASE("Network: a connection may hold at most 2^30 weights") {
  Network net;
  auto a = net.node("a", 1 << 16);
  auto b = net.node("b", 1 << 14);
  CHECK_NOTHROW(net.connect(a, b, {.transform = init::zeros()}));  // exactly 2^30
  auto c = net.node("c", (1 << 14) + 1);
  CHECK_THROWS_WITH_AS(net.connect(a, c, {.transform = init::zeros()}),
                       "connection 'a->c': transform: expected at most 1073741824 weights (4 GiB), got 16385x65536 = 1073807360",
                       ValidationError);
}

TEST_CASE("Network: connections to unknown nodes or into input nodes") {
  Network net;
  auto a = net.node("a", 2);
  auto x = net.input("x", 2);
  CHECK_THROWS_WITH_AS(net.connect(a, NodeRef{"zz", {}}), "connection 'a->zz': post: unknown node 'zz'", ValidationError);
  CHECK_THROWS_WITH_AS(net.connect(NodeRef{"q", {}}, a), "connection 'q->a': pre: unknown node 'q'", ValidationError);
  CHECK_THROWS_WITH_AS(net.connect(a, x), "connection 'a->x': post: node 'x' is a input node and takes no input", ValidationError);
  auto c = net.constant("c", VectorD::Ones(2));
  CHECK_THROWS_WITH_AS(net.connect(a, c), doctest::Contains("takes no input"), ValidationError);
}

TEST_CASE("Network: transform shapes must fit the (sliced) sizes") {
  Network net;
  auto a = net.node("a", 3);
  auto b = net.node("b", 2);
  CHECK_THROWS_WITH_AS(net.connect(a, b), doctest::Contains("connection 'a->b': transform: expected a (post x pre) matrix"), ValidationError);
  CHECK_THROWS_WITH_AS(net.connect(a, b, {.transform = Transform::dense(MatrixD::Ones(3, 2))}),
                       "connection 'a->b': transform: expected 2x3 (post x pre), got 3x2", ValidationError);
  CHECK_THROWS_WITH_AS(net.connect(a[Slice::range(0, 2)], b, {.transform = Transform::diagonal(VectorD::Ones(3))}),
                       doctest::Contains("expected a vector of 2 values"), ValidationError);
  MatrixD bad = MatrixD::Ones(2, 3);
  bad(0, 0) = std::nan("");
  CHECK_THROWS_WITH_AS(net.connect(a, b, {.transform = Transform::dense(bad)}), doctest::Contains("expected finite numbers"), ValidationError);
  CHECK_NOTHROW(net.connect(a[Slice::range(1, 3)], b));
}

TEST_CASE("Network: bad slices name the connection and the slice") {
  Network net;
  auto a = net.node("a", 3);
  auto b = net.node("b", 3);
  CHECK_THROWS_WITH_AS(net.connect(a[5], b[0]), "connection 'a->b': pre a[5]: index 5 is out of range for size 3", ValidationError);
  CHECK_THROWS_WITH_AS(net.connect(a, b[Slice::range(2, 1)]), "connection 'a->b': post b[2:1]: slice [2:1] selects nothing from size 3", ValidationError);
  CHECK_THROWS_WITH_AS(net.probe(a[-4]), "probe 'a_probe': target a[-4]: index -4 is out of range for size 3", ValidationError);
}

TEST_CASE("Network: trainable defaults to whether the transform holds weights") {
  Network net;
  auto a = net.node("a", 2);
  auto b = net.node("b", 2);
  CHECK(!net.connect(a, b).trainable);
  CHECK(net.connect(a, b, {.transform = 2.0, .name = "s"}).trainable);
  CHECK(!net.connect(a, b, {.transform = init::ones(), .trainable = false, .name = "fixed"}).trainable);
  CHECK_THROWS_WITH_AS(net.connect(a, b, {.trainable = true, .name = "t"}),
                       doctest::Contains("connection 't': trainable: expected a transform that holds weights"), ValidationError);
  // A second unnamed connection between the same nodes gets a derived name (Nengo allows
  // parallel connections); a repeated explicit name is still an error.
  CHECK(net.connect(a, b).name == "a->b#2");
  CHECK(net.connect(a[0], b[1]).name == "a->b#3");
  CHECK_THROWS_WITH_AS(net.connect(a, b, {.transform = 3.0, .name = "s"}),
                       doctest::Contains("connection 's': a connection with this name already exists"), ValidationError);
  CHECK(net.parameter_count(true) == 1);
  CHECK(net.parameter_count(false) == 4);
}

TEST_CASE("Network: subnetworks prefix their names") {
  Network net;
  auto lmu = net.subnetwork("lmu");
  auto m = lmu.node("m", 4);
  auto inner = lmu.subnetwork("cell");
  auto h = inner.node("h", 2, Activation::tanh);
  CHECK(m.name == "lmu.m");
  CHECK(h.name == "lmu.cell.h");
  const Connection& c = lmu.connect(m, h, {.transform = init::zeros(), .name = "mh"});
  CHECK(c.name == "lmu.mh");
  CHECK(net.find_node("lmu.cell.h") != nullptr);
  CHECK(net.find_connection("lmu.mh") != nullptr);
  // Every node kind can be made inside a subnetwork.
  CHECK(inner.time("t").name == "lmu.cell.t");
  CHECK(inner.dropout("d", 2, 0.5).name == "lmu.cell.d");
  CHECK(inner.max_pooling("p", {.input = {2, 2, 1}, .window = {.height = 2, .width = 2}}).name == "lmu.cell.p");
  CHECK(net.find_node("lmu.cell.p")->kind() == NodeKind::max_pooling);
  // The factories are one (node_factory.h): neurons, once missing from Subnetwork, too.
  CHECK(inner.neurons("n", neurons::LifRate{}, VectorD::Ones(3), VectorD::Zero(3)).name == "lmu.cell.n");
  CHECK(net.find_node("lmu.cell.n")->kind() == NodeKind::neurons);
  CHECK(inner.input("x", 2).name == "lmu.cell.x");
  CHECK(inner.constant("c", VectorD::Ones(2)).name == "lmu.cell.c");
  CHECK(inner.sequence("s", MatrixD::Ones(2, 2)).name == "lmu.cell.s");
  CHECK_THROWS_WITH_AS(inner.dropout("bad", 2, 1.0), doctest::Contains("node 'lmu.cell.bad': dropout: rate"), ValidationError);
}

TEST_CASE("Network: probe options are checked") {
  Network net;
  auto a = net.node("a", 2);
  CHECK(net.probe(a) == "a_probe");
  CHECK(net.probe(a) == "a_probe2");
  CHECK_THROWS_WITH_AS(net.probe(a, {.name = "p", .sample_every = 0.0}),
                       "probe 'p': sample_every: expected a positive time in seconds, got 0.000000", ValidationError);
  net.probe(a, {.name = "q"});
  CHECK_THROWS_WITH_AS(net.probe(a, {.name = "q"}), "probe 'q': a probe with this name already exists", ValidationError);
}

}  // namespace netsim::test
