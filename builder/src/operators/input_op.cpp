#include "netsim/builder/operators/input_op.h"

namespace netsim {

void InputOp::step(const StepContext& ctx, SignalStore& signals, Rows rows) {
  auto out = signals.block(out_, rows);
  const Index t = ctx.step - 1;
  for (Index r = 0; r < rows.count; ++r) {
    const float* src = data_->data() + ((rows.begin + r) * data_->dim(1) + t) * size_;
    for (Index i = 0; i < size_; ++i) out(r, i) = src[i];
  }
}

}  // namespace netsim
