#pragma once
// Dense transform, the GEMM at the heart of every step:
//   dst[:, dst_begin : dst_begin+post] (= or +=) src[:, src_begin : src_begin+pre] * W^T
// W: [post x pre] (Nengo's orientation); one call does the whole row block, so the
// minibatch is the GEMM's M dimension.
//   reads: src    sets | incs | updates: dst
//   VJP: grad_src += grad_dst * W;  grad_W += grad_dst^T * src (summed over rows)
// In runs of 2+ steps the forward product and grad_src run Eigen's own GEMM kernel with W
// packed once per run and backward pass (builder/src/operators/packed_weights.h): Eigen's
// bits, without packing W every step. With `blocked_weight_gradient` (the rewrite flag
// blocked_weight_gradients) and trainable weights, grad_W is summed over blocks of steps
// on small row tasks (builder/src/operators/blocked_weight_gradient.h), the rest added at
// the end of the walk.

#include <memory>

#include "netsim/builder/operator.h"
#include "netsim/builder/parameter.h"

namespace netsim {

namespace detail {
class PackedWeights;
class BlockedWeightGradient;
}

class DotOp final : public Operator {
 public:
  // `weights` must outlive the operator.
  DotOp(std::string origin, SignalId src, Index src_begin, SignalId dst, Index dst_begin,
        const Parameter* weights, WriteMode mode, bool blocked_weight_gradient = false);
  ~DotOp() override;

  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  std::vector<SignalId> saved_signals() const override;
  void vjp(const BackwardStep& b, Rows rows) override;
  void finish_backward_walk(const BackwardStep& b, Rows rows) override;
  void prepare_forward(const RunShape& run) override;
  void prepare_backward(const RunShape& run) override;
  std::string kind() const override;
  bool has_trainable_weights() const override { return weights_->trainable; }
  bool stateless() const override { return mode_ != WriteMode::update; }
  double flops_per_row() const override { return 2.0 * static_cast<double>(weights_->value.size()); }

 private:
  SignalId src_, dst_;
  Index src_begin_, dst_begin_;
  const Parameter* weights_;
  WriteMode mode_;
  std::unique_ptr<detail::PackedWeights> packed_forward_, packed_backward_;  // W for the plain path
  std::unique_ptr<detail::BlockedWeightGradient> blocked_gradient_;         // rewrite blocked_weight_gradients
};

}  // namespace netsim
