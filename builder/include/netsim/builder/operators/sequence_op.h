#pragma once
// Output of a sequence node: out = rows[(k-1) mod n] at step k, the same for every
// sequence of the minibatch.
//   sets: out     VJP: none

#include "netsim/builder/operator.h"
#include "netsim/nodes/sequence_source.h"

namespace netsim {

class SequenceOp final : public Operator {
 public:
  SequenceOp(std::string origin, SignalId out, Matrix rows)
      : Operator(std::move(origin), {{out}, {}, {}, {}}), out_(out), rows_(std::move(rows)) {}
  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override {
    signals.block(out_, rows).rowwise() = rows_.row(nodes::sequence_row(ctx.step, rows_.rows()));
  }
  std::string kind() const override { return "Sequence"; }
  bool has_trainable_weights() const override { return false; }
  bool stateless() const override { return true; }

 private:
  SignalId out_;
  Matrix rows_;
};

}  // namespace netsim
