#include "netsim/builder/operators/lti_input_op.h"

namespace netsim {

LtiInputOp::LtiInputOp(std::string origin, SignalId src, std::vector<int> src_idx, LtiConvolution* lti)
    : Operator(std::move(origin), {{}, {}, {src}, {}}), src_(src), src_idx_(std::move(src_idx)), lti_(lti) {}

void LtiInputOp::step(const StepContext& ctx, SignalStore& signals, Rows rows) {
  auto x = signals.block(src_, rows);
  const auto p = static_cast<Index>(src_idx_.size());
  for (Index r = 0; r < rows.count; ++r) {
    float* u = lti_->input(ctx.step, rows.begin + r);
    for (Index q = 0; q < p; ++q) u[q] = x(r, src_idx_[static_cast<std::size_t>(q)]);
  }
}

void LtiInputOp::vjp(const BackwardStep& b, Rows rows) {
  auto g = b.grads.block(src_, rows);
  const auto p = static_cast<Index>(src_idx_.size());
  for (Index r = 0; r < rows.count; ++r) {
    const float* du = lti_->input_gradient(b.step, rows.begin + r);
    for (Index q = 0; q < p; ++q) g(r, src_idx_[static_cast<std::size_t>(q)]) += du[q];
  }
}

}  // namespace netsim
