#include "netsim/builder/operators/activation_op.h"

#include "netsim/nodes/activation.h"

namespace netsim {

void ActivationOp::step(const StepContext&, SignalStore& signals, Rows rows) {
  nodes::activation_forward(f_, signals.block(in_, rows), signals.block(out_, rows));
}

}  // namespace netsim
