#pragma once
// Output of a time node: out = [t], t = k dt.
//   sets: out     VJP: none

#include "netsim/builder/operator.h"

namespace netsim {

class TimeOp final : public Operator {
 public:
  TimeOp(std::string origin, SignalId out) : Operator(std::move(origin), {{out}, {}, {}, {}}), out_(out) {}
  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override {
    signals.block(out_, rows).setConstant(static_cast<Scalar>(ctx.t));
  }
  std::string kind() const override { return "Time"; }
  bool has_trainable_weights() const override { return false; }
  bool stateless() const override { return true; }

 private:
  SignalId out_;
};

}  // namespace netsim
