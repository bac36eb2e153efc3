#pragma once
// A synapse filter (nodes::DiscreteFilter) applied to every element of a signal:
//   reads: v (this step's weighted input)    updates: s (what readers see next step)
// State: [order x (batch*size)] doubles, row-indexed like the signals.
//   VJP: the transposed recurrence run backwards in time (DiscreteFilter::vjp), with a
//   row-indexed adjoint state shaped like the forward state.

#include "netsim/builder/operator.h"
#include "netsim/nodes/discrete_filter.h"

namespace netsim {

class FilterOp final : public Operator {
 public:
  FilterOp(std::string origin, SignalId v, SignalId s, Index size, nodes::DiscreteFilter filter);

  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  void allocate(Index batch) override;
  void allocate_backward(Index batch) override;
  void vjp(const BackwardStep& b, Rows rows) override;
  std::string kind() const override { return "Filter"; }
  bool has_trainable_weights() const override { return false; }
  double flops_per_row() const override;

 private:
  SignalId v_, s_;
  Index size_;
  nodes::DiscreteFilter filter_;
  MatrixD state_;
  MatrixD adjoint_;
};

}  // namespace netsim
