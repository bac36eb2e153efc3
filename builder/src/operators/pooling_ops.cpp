#include "netsim/builder/operators/pooling_ops.h"

#include "image_patches.h"

namespace netsim {

AveragePoolingOp::AveragePoolingOp(std::string origin, SignalId src, Index src_begin, SignalId dst, Index dst_begin,
                                   PoolingSpec spec, WriteMode mode)
    : Operator(std::move(origin), make_access({src}, dst, mode)),
      src_(src),
      dst_(dst),
      src_begin_(src_begin),
      dst_begin_(dst_begin),
      spec_(spec),
      mode_(mode) {}

std::string AveragePoolingOp::kind() const {
  return mode_ == WriteMode::inc ? "AvgPoolInc" : (mode_ == WriteMode::set ? "AvgPoolSet" : "AvgPoolUpdate");
}

void AveragePoolingOp::step(const StepContext&, SignalStore& signals, Rows rows) {
  auto x = signals.block(src_, rows);
  auto y = signals.block(dst_, rows);
  for (Index r = 0; r < rows.count; ++r) {
    detail::average_pool(spec_, &x(r, src_begin_), &y(r, dst_begin_), mode_ == WriteMode::inc);
  }
}

void AveragePoolingOp::vjp(const BackwardStep& b, Rows rows) {
  auto gy = b.grads.block(dst_, rows);
  auto gx = b.grads.block(src_, rows);
  const Index out = spec_.output().size();
  for (Index r = 0; r < rows.count; ++r) {
    detail::average_pool_vjp(spec_, &gy(r, dst_begin_), &gx(r, src_begin_));
  }
  if (mode_ != WriteMode::inc) gy.middleCols(dst_begin_, out).setZero();
}

void MaxPoolingOp::step(const StepContext&, SignalStore& signals, Rows rows) {
  auto x = signals.block(in_, rows);
  auto y = signals.block(out_, rows);
  const Index c = spec_.input.channels;
  for (Index r = 0; r < rows.count; ++r) {
    const Scalar* in = &x(r, 0);
    Scalar* out = &y(r, 0);
    detail::for_each_window_max(spec_, in, [&](Index p, Index ch, Index i) { out[p * c + ch] = in[i]; });
  }
}

void MaxPoolingOp::vjp(const BackwardStep& b, Rows rows) {
  const auto x = b.history.value(in_, b.step, rows);
  auto gy = b.grads.block(out_, rows);
  auto gx = b.grads.block(in_, rows);
  for (Index r = 0; r < rows.count; ++r) detail::max_pool_vjp(spec_, x.data() + r * x.outerStride(), &gy(r, 0), &gx(r, 0));
  gy.setZero();
}

}  // namespace netsim
