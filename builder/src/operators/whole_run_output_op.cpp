#include "netsim/builder/operators/whole_run_output_op.h"

#include "netsim/core/slice.h"

namespace netsim {

WholeRunOutputOp::WholeRunOutputOp(std::string origin, WholeRunOp* source, int reader, SignalId dst, std::vector<int> dst_idx)
    : Operator(std::move(origin), {{}, {dst}, {}, {}}), source_(source), reader_(reader), dst_(dst), dst_idx_(std::move(dst_idx)) {}

void WholeRunOutputOp::step(const StepContext& ctx, SignalStore& signals, Rows rows) {
  auto y = signals.block(dst_, rows);
  const auto n = static_cast<Index>(dst_idx_.size());
  if (is_contiguous(dst_idx_)) {
    for (Index r = 0; r < rows.count; ++r)
      y.row(r).segment(dst_idx_[0], n) += Eigen::Map<const Eigen::Matrix<Scalar, 1, Eigen::Dynamic>>(source_->output(reader_, ctx.step, rows.begin + r), n);
    return;
  }
  for (Index r = 0; r < rows.count; ++r) {
    const float* z = source_->output(reader_, ctx.step, rows.begin + r);
    for (Index i = 0; i < n; ++i) y(r, dst_idx_[static_cast<std::size_t>(i)]) += z[i];
  }
}

void WholeRunOutputOp::vjp(const BackwardStep& b, Rows rows) {
  auto g = b.grads.block(dst_, rows);
  const auto n = static_cast<Index>(dst_idx_.size());
  for (Index r = 0; r < rows.count; ++r) {
    float* dz = source_->output_gradient(reader_, b.step, rows.begin + r);
    for (Index i = 0; i < n; ++i) dz[i] = g(r, dst_idx_[static_cast<std::size_t>(i)]);
  }
}

}  // namespace netsim
