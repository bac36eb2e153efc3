#pragma once
// Hands the input u of an LTI memory (lti_convolution.h) to its LtiConvolution: stores
// src[src_idx] of each step. Runs in the prefix pass, before the step loop.
//   reads: src
//   VJP: grad_src[src_idx] += dL/du (computed by LtiConvolution::backward)

#include <vector>

#include "netsim/builder/lti_convolution.h"
#include "netsim/builder/operator.h"

namespace netsim {

class LtiInputOp final : public Operator {
 public:
  // `lti` must outlive the operator.
  LtiInputOp(std::string origin, SignalId src, std::vector<int> src_idx, LtiConvolution* lti);

  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  void vjp(const BackwardStep& b, Rows rows) override;
  std::string kind() const override { return "LtiInput"; }

 private:
  SignalId src_;
  std::vector<int> src_idx_;
  LtiConvolution* lti_;
};

}  // namespace netsim
