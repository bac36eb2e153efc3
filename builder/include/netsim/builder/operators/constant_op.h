#pragma once
// Output of a constant node: out = value, every step (including step 1).
//   sets: out     VJP: none

#include "netsim/builder/operator.h"

namespace netsim {

class ConstantOp final : public Operator {
 public:
  ConstantOp(std::string origin, SignalId out, Vector value)
      : Operator(std::move(origin), {{out}, {}, {}, {}}), out_(out), value_(std::move(value)) {}
  void step(const StepContext&, SignalStore& signals, Rows rows) override {
    signals.block(out_, rows).rowwise() = value_.transpose();
  }
  std::string kind() const override { return "Constant"; }
  bool has_trainable_weights() const override { return false; }
  bool stateless() const override { return true; }

 private:
  SignalId out_;
  Vector value_;
};

}  // namespace netsim
