#pragma once
// Convolution transform (core/image_window.h), one image per row:
//   dst[:, dst_begin : dst_begin + out] (= or +=) conv(src[:, src_begin : src_begin + in], K)
// done as im2col and a GEMM: Y [P x F] = patches [P x K] * K^T per image, K: the
// (filters x patch) parameter, one GEMM per block of images whose patches fit in cache
// when the outputs are contiguous. The patches live in row-indexed scratch.
//   reads: src    sets | incs | updates: dst
//   VJP: grad_K += grad_Y^T patches;  grad_src += col2im(grad_Y K)
// With `use_library` (the rewrite flag library_convolution, given only when src and dst are
// whole signals: images one after another) and a build with oneDNN, oneDNN's direct
// convolution runs instead, forward and backward (builder/src/operators/library_convolution.h);
// kind() then says "(oneDNN)".

#include <memory>

#include "netsim/builder/operator.h"
#include "netsim/builder/parameter.h"
#include "netsim/core/image_window.h"

namespace netsim {

namespace detail {
class LibraryConvolution;
}

class ConvolutionOp final : public Operator {
 public:
  // `kernels` must outlive the operator.
  ConvolutionOp(std::string origin, SignalId src, Index src_begin, SignalId dst, Index dst_begin,
                ConvolutionSpec spec, const Parameter* kernels, WriteMode mode, bool use_library = false);
  ~ConvolutionOp() override;

  void allocate(Index batch) override;
  void allocate_backward(Index batch) override { if (patches_.rows() < batch * positions_) allocate(batch); }
  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  std::vector<SignalId> saved_signals() const override;
  void vjp(const BackwardStep& b, Rows rows) override;
  std::string kind() const override;
  bool has_trainable_weights() const override { return kernels_->trainable; }
  bool stateless() const override { return mode_ != WriteMode::update; }
  double flops_per_row() const override;

 private:
  // Row `row`'s patches: [P x K] (rows follow one another in the scratch).
  Eigen::Map<Matrix> patches(Index row);
  // True when consecutive rows' outputs follow one another in the signal (the post is
  // the whole signal of `width` columns), so that a row block is one [rows*P x F] matrix.
  bool output_contiguous(Index width) const { return dst_begin_ == 0 && width == positions_ * kernels_->value.rows(); }
  // Images per GEMM: as many as keep their patches within kPatchBlockBytes (at least one;
  // one when the outputs are not contiguous).
  Index images_per_block(Index width) const;
  static constexpr Index kPatchBlockBytes = Index{1} << 20;
  // The library's convolution, when it has one and rows of `in_width` input and
  // `out_width` output columns are whole images one after another; else null.
  detail::LibraryConvolution* library_for(Index in_width, Index out_width) const;

  SignalId src_, dst_;
  Index src_begin_, dst_begin_;
  ConvolutionSpec spec_;
  Index positions_;
  const Parameter* kernels_;
  WriteMode mode_;
  Matrix patches_;  // [batch * P x K]
  std::unique_ptr<detail::LibraryConvolution> library_;
};

}  // namespace netsim
