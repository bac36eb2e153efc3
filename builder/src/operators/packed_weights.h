#pragma once
// A dense transform's weights laid out once per run in the panel format of Eigen's own GEMM
// kernel, for DotOp's products on the plain path (no rewrite flag needed):
//
//   forward:        y += x W^T      x [rows x pre], y [rows x post]
//   backward_data:  gx += gy W      gy [rows x post], gx [rows x pre]
//
// W is the Parameter's [post x pre] row-major matrix. Eigen's `y.noalias() += x *
// w.transpose()` packs W again on every call, i.e. every step and row task (12% of the seed
// LMU's training batch with rewrites off, perf). add_product runs the same kernel with the
// same blocking and the same order of additions as that expression, only with W packed
// beforehand, so it gives Eigen's bits exactly, not merely its values to rounding
// (tests/builder/packed_weights_test.cpp): the plain schedule stays the reference every
// rewrite is checked against. It costs one more copy of W's memory (DotOp keeps one at a
// time: the forward or the backward layout). Private to netsim_builder.
//
// Built on the internal GEMM classes of Eigen 3.4 (the Debian 12 package). With any other
// Eigen version pack() lays nothing out and callers keep Eigen's expression.

#include <span>
#include <vector>

#include <Eigen/Core>

#include "netsim/core/types.h"

namespace netsim::detail {

// Runs shorter than this keep Eigen's expression: with one step per row task, laying the
// weights out ahead saves nothing (Eigen packs each block right before using it, in cache).
constexpr long kMinPackedWeightsSteps = 2;

class PackedWeights {
 public:
  enum class Product { forward, backward_data };

  explicit PackedWeights(Product product) : product_(product) {}

  // Lays W out for calls on the given row counts (Eigen's blocking depends on them). W must
  // not change until the next pack() or clear().
  void pack(const Matrix& w, std::span<const Index> row_counts);
  void clear();

  // Whether add_product takes a call on `rows` rows: W is laid out for that row count and
  // Eigen would run its GEMM on these sizes (not its coefficient-wise or vector product).
  bool covers(Index rows) const;
  // dst += src times W^T (forward) or W (backward_data) on `rows` rows, each operand's rows
  // `stride` floats apart. Only where covers(rows).
  void add_product(const Scalar* src, Index src_stride, Scalar* dst, Index dst_stride,
                   Index rows) const;

 private:
  struct Layout {
    Index rows = 0;                // row count of the calls it serves
    Index kc = 0, mc = 0, nc = 0;  // Eigen's blocking for them
    std::size_t panels = 0;        // index of its packed panels in panels_
  };
  using AlignedFloats = std::vector<Scalar, Eigen::aligned_allocator<Scalar>>;

  Product product_;
  Index out_ = 0, depth_ = 0;  // the product's output width and inner dimension
  std::vector<Layout> layouts_;
  std::vector<AlignedFloats> panels_;  // one per distinct (kc, mc)
};

}  // namespace netsim::detail
