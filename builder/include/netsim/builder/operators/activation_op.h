#pragma once
// Output of an activation node: out = f(in), elementwise (nodes/activation.h).
//   reads: in     sets: out     VJP: grad_in = f'(in) * grad_out

#include "netsim/builder/operator.h"
#include "netsim/core/node.h"

namespace netsim {

class ActivationOp final : public Operator {
 public:
  ActivationOp(std::string origin, Activation f, SignalId in, SignalId out, Index size)
      : Operator(std::move(origin), {{out}, {}, {in}, {}}), f_(f), in_(in), out_(out), size_(size) {}
  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  std::vector<SignalId> saved_signals() const override;
  void vjp(const BackwardStep& b, Rows rows) override;
  std::string kind() const override { return "Activation(" + to_string(f_) + ")"; }
  bool has_trainable_weights() const override { return false; }
  bool stateless() const override { return true; }
  std::vector<SignalId> overwritten_whole() const override { return {out_}; }
  double flops_per_row() const override { return 20.0 * static_cast<double>(size_); }

 private:
  Activation f_;
  SignalId in_, out_;
  Index size_;
};

}  // namespace netsim
