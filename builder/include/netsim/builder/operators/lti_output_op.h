#pragma once
// Adds one reader's share of an LTI memory, z_k = W m_k (computed for the whole run by
// LtiConvolution before the step loop), into the reader's target: dst[dst_idx] += z_k.
//   incs: dst
//   VJP: dL/dz_k = grad_dst[dst_idx], handed to LtiConvolution::backward

#include <vector>

#include "netsim/builder/lti_convolution.h"
#include "netsim/builder/operator.h"

namespace netsim {

class LtiOutputOp final : public Operator {
 public:
  // `lti` must outlive the operator; `reader` indexes lti->readers().
  LtiOutputOp(std::string origin, LtiConvolution* lti, int reader, SignalId dst, std::vector<int> dst_idx);

  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  void vjp(const BackwardStep& b, Rows rows) override;
  std::string kind() const override { return "LtiOutputInc"; }
  bool stateless() const override { return true; }
  double flops_per_row() const override { return static_cast<double>(dst_idx_.size()); }
  const LtiConvolution& lti() const { return *lti_; }

 private:
  LtiConvolution* lti_;
  int reader_;
  SignalId dst_;
  std::vector<int> dst_idx_;
};

}  // namespace netsim
