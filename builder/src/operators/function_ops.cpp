#include "netsim/builder/operators/function_ops.h"

#include "netsim/core/error.h"

namespace netsim {
namespace {

void check_size(const VectorD& value, Index size, const std::string& origin, double t) {
  if (value.size() != size) {
    throw SimulationError(origin + ": function: returned " + std::to_string(value.size()) + " values at t = " +
                          std::to_string(t) + ", expected " + std::to_string(size) + " (the node's size)");
  }
}

}  // namespace

void TimeFunctionOp::step(const StepContext& ctx, SignalStore& signals, Rows rows) {
  VectorD value;
  {
    const std::lock_guard<std::mutex> hold(lock_);
    value = f_(ctx.t);
  }
  check_size(value, size_, origin(), ctx.t);
  signals.block(out_, rows).rowwise() = value.cast<Scalar>().transpose();
}

void FunctionOp::step(const StepContext& ctx, SignalStore& signals, Rows rows) {
  const auto in = signals.block(in_, rows);
  auto out = signals.block(out_, rows);
  VectorD x(size_in_);
  const std::lock_guard<std::mutex> hold(lock_);
  for (Index r = 0; r < rows.count; ++r) {
    x = in.row(r).transpose().cast<double>();
    const VectorD y = f_(ctx.t, x);
    check_size(y, size_out_, origin(), ctx.t);
    out.row(r) = y.cast<Scalar>().transpose();
  }
}

void FunctionOp::vjp(const BackwardStep& b, Rows rows) {
  if (b.wants_gradient(in_)) {
    throw SimulationError(origin() + ": a function node has no gradient, and something before it trains; " +
                          "make what feeds it untrainable (trainable: false) or train a network without it");
  }
  b.grads.block(out_, rows).setZero();
}

}  // namespace netsim
