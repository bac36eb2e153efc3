#include "netsim/builder/operators/elementwise_op.h"

#include "netsim/core/slice.h"

namespace netsim {

ElementwiseOp::ElementwiseOp(std::string origin, SignalId src, std::vector<int> src_idx,
                             SignalId dst, std::vector<int> dst_idx, const Matrix* scale,
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
    } else if (scale_->size() == 1) {
      const Scalar s = (*scale_)(0, 0);
      if (inc) ys += s * xs; else ys = s * xs;
    } else {
      Eigen::Map<const Eigen::Array<Scalar, 1, Eigen::Dynamic>> d(scale_->data(), n);
      if (inc) ys.array() += xs.array().rowwise() * d; else ys.array() = xs.array().rowwise() * d;
    }
    return;
  }
  for (Index r = 0; r < rows.count; ++r) {
    for (Index i = 0; i < n; ++i) {
      const Scalar s = !scale_ ? Scalar(1) : (scale_->size() == 1 ? (*scale_)(0, 0) : scale_->data()[i]);
      const Scalar v = s * x(r, src_idx_[static_cast<std::size_t>(i)]);
      Scalar& out = y(r, dst_idx_[static_cast<std::size_t>(i)]);
      out = inc ? out + v : v;
    }
  }
}

}  // namespace netsim
