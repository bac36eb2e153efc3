#include "netsim/builder/operators/whole_run_input_op.h"

namespace netsim {

WholeRunInputOp::WholeRunInputOp(std::string origin, SignalId src, std::vector<int> src_idx, WholeRunOp* target)
    : Operator(std::move(origin), {{}, {}, {src}, {}}), src_(src), src_idx_(std::move(src_idx)), target_(target) {
  set_phase(Phase::prefix);  // it hands the whole run's input over before the step loop
}

void WholeRunInputOp::step(const StepContext& ctx, SignalStore& signals, Rows rows) {
  auto x = signals.block(src_, rows);
  const auto p = static_cast<Index>(src_idx_.size());
  for (Index r = 0; r < rows.count; ++r) {
    float* u = target_->input(ctx.step, rows.begin + r);
    for (Index q = 0; q < p; ++q) u[q] = x(r, src_idx_[static_cast<std::size_t>(q)]);
  }
}

void WholeRunInputOp::vjp(const BackwardStep& b, Rows rows) {
  auto g = b.grads.block(src_, rows);
  const auto p = static_cast<Index>(src_idx_.size());
  for (Index r = 0; r < rows.count; ++r) {
    const float* du = target_->input_gradient(b.step, rows.begin + r);
    for (Index q = 0; q < p; ++q) g(r, src_idx_[static_cast<std::size_t>(q)]) += du[q];
  }
}

}  // namespace netsim
