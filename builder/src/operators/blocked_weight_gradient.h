#pragma once
// A dense transform's weights' gradient summed over blocks of steps, for DotOp when the
// rewrite flag `blocked_weight_gradients` is on (rewrites.h). Private to netsim_builder.
//
// The plain backward pass adds grad_dst^T src of every step and row task into the
// gradient: a product whose depth is the task's row count, on small tasks (8 rows: 16
// cores at minibatch 100, or a minibatch of 16 on 2) too shallow for the GEMM kernel,
// which reads and writes the whole [post x pre] gradient for it.
// Here each row task of few rows keeps the last steps' grad_dst and src rows and adds them
// as one product of depth steps x rows, about kWeightGradientDepth, when the block is full
// and at the end of the task's walk. Same terms, summed in another order: equal to float
// rounding. Each task's blocks depend only on its rows, never on the thread count.

#include <algorithm>
#include <vector>

#include <Eigen/Core>

#include "netsim/core/types.h"

namespace netsim::detail {

// Tasks of up to kMaxBlockedRows rows sum blocks of kWeightGradientDepth / rows steps.
// Measured on one core, the LMU's 212 x 212 recurrence over 784 steps (Eigen 3.4,
// AVX-512): 8 rows 82 GFLOP/s per step, 114 in blocks of depth 128 (82 at 256, 107 at
// 512); 16 rows 92 -> 102; 25 rows 96 -> 101; 50 rows 107 per step, 97-100 in blocks.
constexpr Index kWeightGradientDepth = 128;
constexpr Index kMaxBlockedRows = 16;

class BlockedWeightGradient {
 public:
  using ConstBlock = Eigen::Ref<const Matrix, 0, Eigen::OuterStride<>>;

  // How many steps one block holds for a task of `rows` rows: 1 means no blocking.
  static Index steps_per_block(Index rows) {
    return rows <= kMaxBlockedRows ? kWeightGradientDepth / std::max<Index>(rows, 1) : 1;
  }

  // Before a backward pass: one empty block per row task.
  void start(Index tasks);
  // Holds back one step's grad_dst [rows x post] and src [rows x pre] of row task `task`;
  // when its block is full, adds grad_dst^T src of the block into `grad` [post x pre].
  void add(Index task, const ConstBlock& grad_dst, const ConstBlock& src, Matrix& grad);
  // Adds what task `task` holds back into `grad` (the end of its walk).
  void flush(Index task, Matrix& grad);

 private:
  struct Block {
    Matrix grad_dst, src;  // steps_per_block x rows rows each
    Index rows = 0, steps = 0;
  };
  std::vector<Block> blocks_;  // by row task: each task touches only its own
};

}  // namespace netsim::detail
