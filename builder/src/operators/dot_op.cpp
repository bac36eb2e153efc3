#include "netsim/builder/operators/dot_op.h"

#include "library_matmul.h"

namespace netsim {

DotOp::DotOp(std::string origin, SignalId src, Index src_begin, SignalId dst, Index dst_begin,
             const Parameter* weights, WriteMode mode, bool use_library, Index src_width, Index dst_width)
    : Operator(std::move(origin), make_access({src}, dst, mode)),
      src_(src),
      dst_(dst),
      src_begin_(src_begin),
      dst_begin_(dst_begin),
      weights_(weights),
      mode_(mode),
      library_(use_library && weights->value.size() >= detail::kMinLibraryMatmulWeights
                   ? detail::LibraryMatmul::make(weights->value.cols(), weights->value.rows(), src_width, dst_width)
                   : nullptr) {}

DotOp::~DotOp() = default;

std::string DotOp::kind() const {
  const std::string kind = mode_ == WriteMode::inc ? "DotInc" : (mode_ == WriteMode::set ? "DotSet" : "DotUpdate");
  return library_ ? kind + " (oneDNN in runs of " + std::to_string(detail::kMinLibraryMatmulSteps) + "+ steps)" : kind;
}

void DotOp::prepare_forward(long steps) {
  library_forward_ = library_ && steps >= detail::kMinLibraryMatmulSteps;
  if (library_forward_) library_->pack_forward(weights_->value);
}

void DotOp::prepare_backward(long steps) {
  library_backward_ = library_ && steps >= detail::kMinLibraryMatmulSteps;
  if (library_backward_) library_->pack_backward(weights_->value);
}

void DotOp::step(const StepContext&, SignalStore& signals, Rows rows) {
  const Matrix& w = weights_->value;
  auto x = signals.block(src_, rows).middleCols(src_begin_, w.cols());  // [rows x pre]
  auto y = signals.block(dst_, rows).middleCols(dst_begin_, w.rows());  // [rows x post]
  if (library_forward_) {
    library_->forward(x.data(), y.data(), rows.count, mode_ == WriteMode::inc);
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
    b.parameter_grads[static_cast<std::size_t>(weights_->index)].noalias() += gy.transpose() * x;
  }
  if (b.wants_gradient(src_)) {
    auto gx = b.grads.block(src_, rows).middleCols(src_begin_, w.cols());
    if (library_backward_) library_->backward_data(gy.data(), gx.data(), rows.count);
    else gx.noalias() += gy * w;
  }
  if (mode_ != WriteMode::inc) gy.setZero();
}

}  // namespace netsim
