#include "netsim/builder/operators/elementwise_op.h"

#include "netsim/core/slice.h"

namespace netsim {

ElementwiseOp::ElementwiseOp(std::string origin, SignalId src, std::vector<int> src_idx,
                             SignalId dst, std::vector<int> dst_idx, const Parameter* scale,
                             WriteMode mode)
    : Operator(std::move(origin), make_access({src}, dst, mode)),
      src_(src),
      dst_(dst),
      src_idx_(std::move(src_idx)),
      dst_idx_(std::move(dst_idx)),
      scale_(scale),
      mode_(mode),
      contiguous_(is_contiguous(src_idx_) && is_contiguous(dst_idx_)) {}

std::string ElementwiseOp::kind() const {
  const char* verb = mode_ == WriteMode::inc ? "Inc" : (mode_ == WriteMode::set ? "Set" : "Update");
  return std::string(scale_ ? "Scale" : "Copy") + verb;
}

Scalar ElementwiseOp::scale_at(Index i) const {
  if (!scale_) return Scalar(1);
  const Matrix& s = scale_->value;
  return s.size() == 1 ? s(0, 0) : s.data()[i];
}

void ElementwiseOp::step(const StepContext&, SignalStore& signals, Rows rows) {
  auto x = signals.block(src_, rows);
  auto y = signals.block(dst_, rows);
  const Index n = static_cast<Index>(src_idx_.size());
  const bool inc = mode_ == WriteMode::inc;
  if (contiguous_) {
    auto xs = x.middleCols(src_idx_[0], n);
    auto ys = y.middleCols(dst_idx_[0], n);
    if (!scale_) {
      if (inc) ys += xs; else ys = xs;
    } else if (scale_->value.size() == 1) {
      const Scalar s = scale_->value(0, 0);
      if (inc) ys += s * xs; else ys = s * xs;
    } else {
      Eigen::Map<const Eigen::Array<Scalar, 1, Eigen::Dynamic>> d(scale_->value.data(), n);
      if (inc) ys.array() += xs.array().rowwise() * d; else ys.array() = xs.array().rowwise() * d;
    }
    return;
  }
  for (Index r = 0; r < rows.count; ++r) {
    for (Index i = 0; i < n; ++i) {
      const Scalar v = scale_at(i) * x(r, src_idx_[static_cast<std::size_t>(i)]);
      Scalar& out = y(r, dst_idx_[static_cast<std::size_t>(i)]);
      out = inc ? out + v : v;
    }
  }
}

std::vector<SignalId> ElementwiseOp::saved_signals() const {
  if (scale_ && scale_->trainable) return {src_};
  return {};
}

void ElementwiseOp::vjp(const BackwardStep& b, Rows rows) {
  auto gx = b.grads.block(src_, rows);
  auto gy = b.grads.block(dst_, rows);
  const Index n = static_cast<Index>(src_idx_.size());
  if (scale_ && scale_->trainable) {
    auto x = b.history.value(src_, b.step, rows);
    Matrix& g = b.parameter_grads[static_cast<std::size_t>(scale_->index)];
    const bool scalar = scale_->value.size() == 1;
    for (Index i = 0; i < n; ++i) {
      const auto si = src_idx_[static_cast<std::size_t>(i)], di = dst_idx_[static_cast<std::size_t>(i)];
      const Scalar sum = x.col(si).dot(gy.col(di));
      if (scalar) g(0, 0) += sum; else g.data()[i] += sum;
    }
  }
  if (contiguous_) {
    auto gxs = gx.middleCols(src_idx_[0], n);
    auto gys = gy.middleCols(dst_idx_[0], n);
    if (!scale_) {
      gxs += gys;
    } else if (scale_->value.size() == 1) {
      gxs += scale_->value(0, 0) * gys;
    } else {
      Eigen::Map<const Eigen::Array<Scalar, 1, Eigen::Dynamic>> d(scale_->value.data(), n);
      gxs.array() += gys.array().rowwise() * d;
    }
    if (mode_ != WriteMode::inc) gys.setZero();
    return;
  }
  for (Index r = 0; r < rows.count; ++r)
    for (Index i = 0; i < n; ++i)
      gx(r, src_idx_[static_cast<std::size_t>(i)]) += scale_at(i) * gy(r, dst_idx_[static_cast<std::size_t>(i)]);
  if (mode_ != WriteMode::inc)
    for (int d : dst_idx_) gy.col(d).setZero();
}

}  // namespace netsim
