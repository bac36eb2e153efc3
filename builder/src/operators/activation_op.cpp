#include "netsim/builder/operators/activation_op.h"

#include "netsim/nodes/activation.h"

namespace netsim {

void ActivationOp::step(const StepContext&, SignalStore& signals, Rows rows) {
  nodes::activation_forward(f_, signals.block(in_, rows), signals.block(out_, rows));
}

std::vector<SignalId> ActivationOp::saved_signals() const {
  const auto needs = nodes::activation_vjp_needs(f_);
  std::vector<SignalId> saved;
  if (needs.in) saved.push_back(in_);
  if (needs.out) saved.push_back(out_);
  return saved;
}

void ActivationOp::vjp(const BackwardStep& b, Rows rows) {
  auto g_out = b.grads.block(out_, rows);
  // What the VJP does not need is not recorded; it gets g_out as a same-shaped stand-in.
  const auto needs = nodes::activation_vjp_needs(f_);
  using Value = Eigen::Ref<const Matrix>;
  const Value in = needs.in ? Value(b.history.value(in_, b.step, rows)) : Value(g_out);
  const Value out = needs.out ? Value(b.history.value(out_, b.step, rows)) : Value(g_out);
  nodes::activation_vjp(f_, in, out, g_out, b.grads.block(in_, rows));
  g_out.setZero();
}

}  // namespace netsim
