#pragma once
// A synapse filter (nodes::DiscreteFilter) applied to every element of a signal:
//   reads: v (this step's weighted input)    updates: s (what readers see next step)
// State: [order x (batch*size)] doubles, row-indexed like the signals.
//   VJP (later): the transposed recurrence run backwards in time.

#include "netsim/builder/operator.h"
#include "netsim/nodes/discrete_filter.h"

namespace netsim {

class FilterOp final : public Operator {
 public:
  FilterOp(std::string origin, SignalId v, SignalId s, Index size, nodes::DiscreteFilter filter);

  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  void allocate(Index batch) override;
  std::string kind() const override { return "Filter"; }
  double flops_per_row() const override;

 private:
  SignalId v_, s_;
  Index size_;
  nodes::DiscreteFilter filter_;
  MatrixD state_;
};

}  // namespace netsim
