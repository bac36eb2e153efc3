#pragma once
// Hands a whole-run operator (whole_run_op.h) its input u: stores src[src_idx] of each
// step. Runs in the prefix pass, before the step loop.
//   reads: src
//   VJP: grad_src[src_idx] += dL/du (computed by WholeRunOp::backward; zero, and not
//        computed, when src needs no gradient)

#include <vector>

#include "netsim/builder/whole_run_op.h"
#include "netsim/builder/operator.h"

namespace netsim {

class WholeRunInputOp final : public Operator {
 public:
  // `target` must outlive the operator.
  WholeRunInputOp(std::string origin, SignalId src, std::vector<int> src_idx, WholeRunOp* target);

  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  void vjp(const BackwardStep& b, Rows rows) override;
  std::string kind() const override { return "WholeRunInput"; }
  bool has_trainable_weights() const override { return false; }
  // The target forms dL/du only if src needs a gradient.
  void use_gradient_needs(const std::vector<bool>& needed) override {
    target_->set_input_gradient_wanted(needed[static_cast<std::size_t>(src_)]);
  }

 private:
  SignalId src_;
  std::vector<int> src_idx_;
  WholeRunOp* target_;
};

}  // namespace netsim
