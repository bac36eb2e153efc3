#pragma once
// Elementwise transform (identity, scalar or diagonal) with index maps, for slices:
//   dst[:, dst_idx[i]] (= or +=) scale_i * src[:, src_idx[i]]     i = 0..n-1
// scale: none (1), one value, or one per i (a [n x 1] parameter).
//   reads: src    sets | incs | updates: dst
//   VJP: grad_src[:, src_idx[i]] += scale_i * grad_dst[:, dst_idx[i]];
//        grad_scale_i = sum over rows of src[:, src_idx[i]] * grad_dst[:, dst_idx[i]]

#include <vector>

#include "netsim/builder/operator.h"
#include "netsim/builder/parameter.h"

namespace netsim {

class ElementwiseOp final : public Operator {
 public:
  // `scale` may be nullptr (identity); it must outlive the operator.
  ElementwiseOp(std::string origin, SignalId src, std::vector<int> src_idx, SignalId dst,
                std::vector<int> dst_idx, const Parameter* scale, WriteMode mode);

  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  std::vector<SignalId> saved_signals() const override;
  void vjp(const BackwardStep& b, Rows rows) override;
  std::string kind() const override;
  bool has_trainable_weights() const override { return scale_ && scale_->trainable; }
  bool stateless() const override { return mode_ != WriteMode::update; }
  double flops_per_row() const override { return static_cast<double>(src_idx_.size()); }

 private:
  SignalId src_, dst_;
  std::vector<int> src_idx_, dst_idx_;
  const Parameter* scale_;
  WriteMode mode_;
  // Both index maps are contiguous runs: the common case, done with block operations.
  bool contiguous_ = false;

  Scalar scale_at(Index i) const;
};

}  // namespace netsim
