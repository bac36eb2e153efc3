#include "netsim/builder/operators/dropout_op.h"

namespace netsim {
namespace {

// SplitMix64's finaliser: a well-mixed 64-bit hash of a 64-bit value.
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

bool DropoutOp::keeps(std::uint64_t draw, long k, Index row, Index i) const {
  std::uint64_t h = mix(key_ ^ mix(draw + 0x9e3779b97f4a7c15ULL));
  h = mix(h ^ static_cast<std::uint64_t>(k));
  h = mix(h ^ (static_cast<std::uint64_t>(row) << 32 ^ static_cast<std::uint64_t>(i)));
  const double u = static_cast<double>(h >> 11) * 0x1.0p-53;  // [0, 1)
  return u >= rate_;
}

void DropoutOp::step(const StepContext& ctx, SignalStore& signals, Rows rows) {
  auto x = signals.block(in_, rows);
  auto y = signals.block(out_, rows);
  if (!ctx.training || rate_ == 0.0) {
    y = x;
    return;
  }
  const auto scale = static_cast<Scalar>(1.0 / (1.0 - rate_));
  for (Index r = 0; r < rows.count; ++r)
    for (Index i = 0; i < size_; ++i) y(r, i) = keeps(ctx.draw, ctx.step, ctx.row_offset + rows.begin + r, i) ? x(r, i) * scale : Scalar(0);
}

void DropoutOp::vjp(const BackwardStep& b, Rows rows) {
  auto gy = b.grads.block(out_, rows);
  auto gx = b.grads.block(in_, rows);
  if (!b.training || rate_ == 0.0) {
    gx += gy;
  } else {
    const auto scale = static_cast<Scalar>(1.0 / (1.0 - rate_));
    for (Index r = 0; r < rows.count; ++r)
      for (Index i = 0; i < size_; ++i)
        if (keeps(b.draw, b.step, b.row_offset + rows.begin + r, i)) gx(r, i) += gy(r, i) * scale;
  }
  gy.setZero();
}

}  // namespace netsim
