#include "netsim/builder/operators/dot_op.h"

#include "blocked_weight_gradient.h"
#include "packed_weights.h"

namespace netsim {

DotOp::DotOp(std::string origin, SignalId src, Index src_begin, SignalId dst, Index dst_begin,
             const Parameter* weights, WriteMode mode, bool blocked_weight_gradient)
    : Operator(std::move(origin), make_access({src}, dst, mode)),
      src_(src),
      dst_(dst),
      src_begin_(src_begin),
      dst_begin_(dst_begin),
      weights_(weights),
      mode_(mode),
      packed_forward_(std::make_unique<detail::PackedWeights>(detail::PackedWeights::Product::forward)),
      packed_backward_(std::make_unique<detail::PackedWeights>(detail::PackedWeights::Product::backward_data)),
      blocked_gradient_(blocked_weight_gradient && weights->trainable ? std::make_unique<detail::BlockedWeightGradient>()
                                                                      : nullptr) {}

DotOp::~DotOp() = default;

std::string DotOp::kind() const {
  return mode_ == WriteMode::inc ? "DotInc" : (mode_ == WriteMode::set ? "DotSet" : "DotUpdate");
}

// Only one of the two packed copies is kept at a time: a run never calls vjp, a backward
// pass never calls step.
void DotOp::prepare_forward(const RunShape& run) {
  packed_backward_->clear();
  if (run.pack_weights && run.steps >= detail::kMinPackedWeightsSteps) packed_forward_->pack(weights_->value, run.task_rows);
  else packed_forward_->clear();
}

void DotOp::prepare_backward(const RunShape& run) {
  packed_forward_->clear();
  if (blocked_gradient_) blocked_gradient_->start(run.tasks);
  if (run.pack_weights && run.steps >= detail::kMinPackedWeightsSteps) packed_backward_->pack(weights_->value, run.task_rows);
  else packed_backward_->clear();
}

void DotOp::step(const StepContext&, SignalStore& signals, Rows rows) {
  const Matrix& w = weights_->value;
  auto x = signals.block(src_, rows).middleCols(src_begin_, w.cols());  // [rows x pre]
  auto y = signals.block(dst_, rows).middleCols(dst_begin_, w.rows());  // [rows x post]
  if (packed_forward_->covers(rows.count)) {  // Eigen's product, bit for bit
    if (mode_ != WriteMode::inc) y.setZero();  // as Eigen does before its GEMM
    packed_forward_->add_product(x.data(), x.outerStride(), y.data(), y.outerStride(), rows.count);
    return;
  }
  if (mode_ == WriteMode::inc) {
    y.noalias() += x * w.transpose();
  } else {
    y.noalias() = x * w.transpose();
  }
}

std::vector<SignalId> DotOp::saved_signals() const {
  if (weights_->trainable) return {src_};
  return {};
}

void DotOp::vjp(const BackwardStep& b, Rows rows) {
  const Matrix& w = weights_->value;
  auto gy = b.grads.block(dst_, rows).middleCols(dst_begin_, w.rows());  // [rows x post]
  if (weights_->trainable) {
    auto x = b.history.value(src_, b.step, rows).middleCols(src_begin_, w.cols());
    Matrix& grad = b.parameter_grads[static_cast<std::size_t>(weights_->index)];
    if (blocked_gradient_ && detail::BlockedWeightGradient::steps_per_block(rows.count) > 1)
      blocked_gradient_->add(b.task, gy, x, grad);
    else grad.noalias() += gy.transpose() * x;
  }
  if (b.wants_gradient(src_)) {
    auto gx = b.grads.block(src_, rows).middleCols(src_begin_, w.cols());
    if (packed_backward_->covers(rows.count))
      packed_backward_->add_product(gy.data(), gy.outerStride(), gx.data(), gx.outerStride(), rows.count);
    else gx.noalias() += gy * w;
  }
  if (mode_ != WriteMode::inc) gy.setZero();
}

void DotOp::finish_backward_walk(const BackwardStep& b, Rows) {
  if (blocked_gradient_) blocked_gradient_->flush(b.task, b.parameter_grads[static_cast<std::size_t>(weights_->index)]);
}

}  // namespace netsim
