// The plain path's dense products with the weights packed once per run
// (builder/src/operators/packed_weights.h, private to the builder, tested here white-box)
// against Eigen's expressions they stand in for, bit for bit: forward and input gradient,
// on shapes where Eigen blocks the depth, the output and the rows, with strided operands;
// then through DotOp (set and inc, row counts it was not prepared for, new weights) and a
// simulator whose weights change between runs.

#include <doctest/doctest.h>

#include <array>
#include <cstring>

#include <netsim/builder/simulator_training.h>
#include <netsim/netsim.h>
#include <netsim/optimizer/backprop.h>

#include "netsim/builder/operators/dot_op.h"
#include "netsim/core/random.h"
#include "operators/packed_weights.h"

namespace netsim::test {
namespace {

using detail::PackedWeights;

Matrix random_matrix(Index rows, Index cols, Rng& rng) {
  Matrix m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<Scalar>(rng.uniform(-1.0, 1.0));
  return m;
}

bool same_bits(const Matrix& a, const Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(Scalar)) == 0;
}

// Where Eigen itself runs its GEMM (GeneralMatrixMatrix.h), the only case packing serves.
bool eigen_gemm(Index rows, Index out, Index depth) {
  return rows > 1 && out > 1 && rows + out + depth >= 20;
}

}  // namespace

TEST_CASE("packed weights: products equal Eigen's expressions bit for bit") {
  // Eigen 3.4 on AVX-512 blocks (1500-deep: kc 752), (out 1300: mc 480), (212 x 212 on 50
  // rows: nc 16; on 8 rows: mc 144).
  struct Shape {
    Index pre, post;
  };
  Rng rng(17);
  int covered = 0;
  for (const Shape s :
       {Shape{212, 212}, Shape{256, 212}, Shape{1, 212}, Shape{212, 1}, Shape{212, 10},
        Shape{700, 40}, Shape{40, 700}, Shape{1500, 64}, Shape{64, 1300}, Shape{5, 6}}) {
    for (const Index rows :
         {Index{1}, Index{2}, Index{3}, Index{8}, Index{13}, Index{50}, Index{100}}) {
      CAPTURE(s.pre);
      CAPTURE(s.post);
      CAPTURE(rows);
      const Matrix w = random_matrix(s.post, s.pre, rng);
      const std::array<Index, 1> row_counts{rows};

      PackedWeights forward(PackedWeights::Product::forward);
      forward.pack(w, row_counts);
      REQUIRE(forward.covers(rows) == eigen_gemm(rows, s.post, s.pre));
      CHECK_FALSE(forward.covers(rows + 1));
      if (forward.covers(rows)) {
        ++covered;
        // x and y sit inside wider signals, as a connection's slice does.
        const Matrix x = random_matrix(rows, s.pre + 3, rng);
        Matrix y = random_matrix(rows, s.post + 5, rng);
        Matrix expected = y;
        expected.middleCols(2, s.post).noalias() += x.middleCols(1, s.pre) * w.transpose();
        forward.add_product(x.data() + 1, x.cols(), y.data() + 2, y.cols(), rows);
        CHECK(same_bits(y, expected));
      }

      PackedWeights backward(PackedWeights::Product::backward_data);
      backward.pack(w, row_counts);
      REQUIRE(backward.covers(rows) == eigen_gemm(rows, s.pre, s.post));
      if (backward.covers(rows)) {
        ++covered;
        const Matrix gy = random_matrix(rows, s.post + 2, rng);
        Matrix gx = random_matrix(rows, s.pre + 4, rng);
        Matrix expected = gx;
        expected.middleCols(3, s.pre).noalias() += gy.middleCols(1, s.post) * w;
        backward.add_product(gy.data() + 1, gy.cols(), gx.data() + 3, gx.cols(), rows);
        CHECK(same_bits(gx, expected));
      }
    }
  }
  CHECK(covered > 80);
}

TEST_CASE("packed weights: one pack serves several row counts, clear() drops them") {
  Rng rng(5);
  const Matrix w = random_matrix(212, 212, rng);
  PackedWeights forward(PackedWeights::Product::forward);
  const std::array<Index, 3> row_counts{8, 4, 50};  // blocked differently (mc 144 vs 212)
  forward.pack(w, row_counts);
  for (const Index rows : row_counts) {
    CAPTURE(rows);
    REQUIRE(forward.covers(rows));
    const Matrix x = random_matrix(rows, 212, rng);
    Matrix y = Matrix::Zero(rows, 212);
    forward.add_product(x.data(), x.cols(), y.data(), y.cols(), rows);
    const Matrix expected = x * w.transpose();
    CHECK(same_bits(y, expected));
  }
  forward.clear();
  CHECK_FALSE(forward.covers(8));
}

TEST_CASE("packed weights: DotOp's products equal Eigen's bit for bit, set, inc, unprepared") {
  Rng rng(23);
  Parameter weights{.name = "a->b", .value = random_matrix(64, 48, rng), .trainable = false};
  for (const WriteMode mode : {WriteMode::set, WriteMode::inc}) {
    CAPTURE(static_cast<int>(mode));
    SignalStore signals;
    const SignalId src = signals.add("a", 50), dst = signals.add("b", 70);
    signals.allocate(20);
    DotOp op("a->b", src, 1, dst, 4, &weights, mode);
    auto fill = [&] {
      signals.block(src, {0, 20}) = random_matrix(20, 50, rng);
      signals.block(dst, {0, 20}) = random_matrix(20, 70, rng);
    };
    // What Eigen's expression gives on rows [begin, begin + count) of the current signals.
    auto eigen_forward = [&](Rows rows) {
      Matrix y = signals.block(dst, rows);
      auto x = signals.block(src, rows).middleCols(1, 48);
      if (mode == WriteMode::inc)
        y.middleCols(4, 64).noalias() += x * weights.value.transpose();
      else
        y.middleCols(4, 64).noalias() = x * weights.value.transpose();
      return y;
    };
    // Prepared for tasks of 8 and 4 rows; a 5-row call (not prepared) keeps Eigen's path.
    op.prepare_forward(RunShape{.steps = 784, .task_rows = {8, 4}});
    for (const Rows rows : {Rows{0, 8}, Rows{8, 8}, Rows{16, 4}, Rows{3, 5}}) {
      CAPTURE(rows.count);
      fill();
      const Matrix expected = eigen_forward(rows);
      op.step({}, signals, rows);
      CHECK(same_bits(signals.block(dst, rows), expected));
    }
    // New weights reach the product after the next prepare.
    weights.value = random_matrix(64, 48, rng);
    op.prepare_forward(RunShape{.steps = 10, .task_rows = {8}});
    fill();
    const Matrix expected = eigen_forward({0, 8});
    op.step({}, signals, {0, 8});
    CHECK(same_bits(signals.block(dst, {0, 8}), expected));
  }
}

TEST_CASE("packed weights: DotOp's input gradient equals Eigen's bit for bit") {
  Rng rng(29);
  const Parameter weights{.name = "a->b", .value = random_matrix(64, 48, rng), .trainable = false};
  SignalStore grads;
  const SignalId src = grads.add("a", 50), dst = grads.add("b", 70);
  grads.allocate(20);
  DotOp op("a->b", src, 1, dst, 4, &weights, WriteMode::inc);
  op.prepare_backward(RunShape{.steps = 784, .task_rows = {8, 4}});
  const SignalHistory history;
  std::vector<Matrix> parameter_grads(1);
  for (const Rows rows : {Rows{0, 8}, Rows{16, 4}, Rows{3, 5}}) {
    CAPTURE(rows.count);
    grads.block(src, {0, 20}) = random_matrix(20, 50, rng);
    grads.block(dst, {0, 20}) = random_matrix(20, 70, rng);
    Matrix expected = grads.block(src, rows);
    expected.middleCols(1, 48).noalias() +=
        grads.block(dst, rows).middleCols(4, 64) * weights.value;
    op.vjp(
        BackwardStep{
            .step = 1, .history = history, .grads = grads, .parameter_grads = parameter_grads},
        rows);
    CHECK(same_bits(grads.block(src, rows), expected));
  }
}

TEST_CASE("packed weights: new weights between runs reach the products, bit for bit") {
  // Weights packed once per run must follow set_parameter (and so a trainer's updates):
  // after new weights, a run and its gradients equal those of Eigen's unpacked products.
  const Index n = 40;
  Network net("relaid");
  auto x = net.input("x", n);
  auto h = net.node("h", n, Activation::tanh);
  net.connect(x, h, {.transform = init::uniform(-0.2, 0.2), .name = "xh"});
  net.connect(h, h,
              {.transform = init::uniform(-0.2, 0.2), .synapse = Synapse::delay(), .name = "hh"});
  net.probe(h, {.name = "h_p"});
  Rng rng(3);
  const Array3 inputs = [&] {
    Array3 a(5, 6, n);
    for (Index i = 0; i < a.size(); ++i) a.data()[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
    return a;
  }();
  Array3 dloss(5, 6, n);
  for (Index i = 0; i < dloss.size(); ++i)
    dloss.data()[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
  const Matrix changed = random_matrix(n, n, rng) * 0.3f;
  auto second_run = [&](bool pack) {
    Simulator sim(net, {.dt = 1.0, .minibatch = 5, .rows_per_task = 2, .pack_weights = pack});
    sim.set_input("x", inputs);
    sim.training_support().set_recording(true);
    sim.run_steps(6);
    (void)Backprop(sim).run({{"h_p", dloss}});
    sim.set_parameter("hh", changed);
    sim.set_parameter("xh", changed.transpose());
    sim.reset();
    sim.run_steps(6);
    const ParameterGradients grads = Backprop(sim).run({{"h_p", dloss}});
    return std::pair{sim.probe_data("h_p"), grads};
  };
  const auto [packed_probe, packed_grads] = second_run(true);
  const auto [plain_probe, plain_grads] = second_run(false);
  REQUIRE(packed_probe.size() == plain_probe.size());
  CHECK(std::memcmp(packed_probe.data(), plain_probe.data(),
                    static_cast<std::size_t>(plain_probe.size()) * sizeof(float)) == 0);
  REQUIRE(packed_grads.size() == plain_grads.size());
  for (std::size_t i = 0; i < plain_grads.size(); ++i)
    CHECK(same_bits(packed_grads[i], plain_grads[i]));
}

}  // namespace netsim::test
