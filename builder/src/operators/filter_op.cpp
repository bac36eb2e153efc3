#include "netsim/builder/operators/filter_op.h"

namespace netsim {

FilterOp::FilterOp(std::string origin, SignalId v, SignalId s, Index size,
                   nodes::DiscreteFilter filter)
    : Operator(std::move(origin), make_access({v}, s, WriteMode::update)),
      v_(v),
      s_(s),
      size_(size),
      filter_(std::move(filter)) {}

void FilterOp::allocate(Index batch) { state_ = MatrixD::Zero(filter_.order(), batch * size_); }

double FilterOp::flops_per_row() const {
  const auto n = static_cast<double>(filter_.order());
  return static_cast<double>(size_) * (2.0 * n * n + 4.0 * n + 2.0);
}

void FilterOp::step(const StepContext&, SignalStore& signals, Rows rows) {
  // Full-width row blocks of a row-major signal are contiguous: all channels of the
  // block are filtered in one call.
  const Scalar* v = signals.block(v_, rows).data();
  Scalar* s = signals.block(s_, rows).data();
  filter_.step(state_, rows.begin * size_, rows.count * size_, v, s);
}

void FilterOp::allocate_backward(Index batch) { adjoint_ = MatrixD::Zero(filter_.order(), batch * size_); }

void FilterOp::vjp(const BackwardStep& b, Rows rows) {
  auto g_s = b.grads.block(s_, rows);
  filter_.vjp(adjoint_, rows.begin * size_, rows.count * size_, g_s.data(), b.grads.block(v_, rows).data());
  g_s.setZero();
}

}  // namespace netsim
