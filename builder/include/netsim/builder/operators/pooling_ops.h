#pragma once
// Pooling over channels-last images (core/image_window.h), one image per row.
//
// AveragePoolingOp: the average_pooling transform, a fixed linear map (no weights):
//   dst[:, dst_begin : ...] (= or +=) avgpool(src[:, src_begin : ...])
//   reads: src    sets | incs | updates: dst     VJP: each window's gradient spread evenly
//
// MaxPoolingOp: a max_pooling node's output from its summed input:
//   reads: in     sets: out     VJP: grad_in[argmax of each window] += grad_out
// (the argmax found again from the recorded input; the first one on ties).

#include "netsim/builder/operator.h"
#include "netsim/core/image_window.h"

namespace netsim {

class AveragePoolingOp final : public Operator {
 public:
  AveragePoolingOp(std::string origin, SignalId src, Index src_begin, SignalId dst, Index dst_begin,
                   PoolingSpec spec, WriteMode mode);
  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  void vjp(const BackwardStep& b, Rows rows) override;
  std::string kind() const override;
  bool has_trainable_weights() const override { return false; }
  bool stateless() const override { return mode_ != WriteMode::update; }
  double flops_per_row() const override { return static_cast<double>(spec_.input.size()); }

 private:
  SignalId src_, dst_;
  Index src_begin_, dst_begin_;
  PoolingSpec spec_;
  WriteMode mode_;
};

class MaxPoolingOp final : public Operator {
 public:
  MaxPoolingOp(std::string origin, SignalId in, SignalId out, PoolingSpec spec)
      : Operator(std::move(origin), {{out}, {}, {in}, {}}), in_(in), out_(out), spec_(spec) {}
  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  std::vector<SignalId> saved_signals() const override { return {in_}; }
  void vjp(const BackwardStep& b, Rows rows) override;
  std::string kind() const override { return "MaxPooling"; }
  bool has_trainable_weights() const override { return false; }
  bool stateless() const override { return true; }
  std::vector<SignalId> overwritten_whole() const override { return {out_}; }
  double flops_per_row() const override { return static_cast<double>(spec_.input.size()); }

 private:
  SignalId in_, out_;
  PoolingSpec spec_;
};

}  // namespace netsim
