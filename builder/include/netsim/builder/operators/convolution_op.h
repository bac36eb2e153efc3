#pragma once
// Convolution transform (core/image_window.h), one image per row:
//   dst[:, dst_begin : dst_begin + out] (= or +=) conv(src[:, src_begin : src_begin + in], K)
// done as im2col and a GEMM per row: Y [P x F] = patches [P x K] * K^T, K: the
// (filters x patch) parameter. The patches live in row-indexed scratch.
//   reads: src    sets | incs | updates: dst
//   VJP: grad_K += grad_Y^T patches;  grad_src += col2im(grad_Y K)

#include "netsim/builder/operator.h"
#include "netsim/builder/parameter.h"
#include "netsim/core/image_window.h"

namespace netsim {

class ConvolutionOp final : public Operator {
 public:
  // `kernels` must outlive the operator.
  ConvolutionOp(std::string origin, SignalId src, Index src_begin, SignalId dst, Index dst_begin,
                ConvolutionSpec spec, const Parameter* kernels, WriteMode mode);

  void allocate(Index batch) override;
  void allocate_backward(Index batch) override { if (patches_.rows() < batch * positions_) allocate(batch); }
  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  std::vector<SignalId> saved_signals() const override;
  void vjp(const BackwardStep& b, Rows rows) override;
  std::string kind() const override;
  bool stateless() const override { return mode_ != WriteMode::update; }
  double flops_per_row() const override;

 private:
  // Row `row`'s patches: [P x K].
  Eigen::Map<Matrix> patches(Index row);

  SignalId src_, dst_;
  Index src_begin_, dst_begin_;
  ConvolutionSpec spec_;
  Index positions_;
  const Parameter* kernels_;
  WriteMode mode_;
  Matrix patches_;  // [batch * P x K]
};

}  // namespace netsim
