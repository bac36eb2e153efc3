#pragma once
// Reset: sets dst = 0 at the start of each step (a node's summed input).
//   sets: dst            VJP: none (no inputs)

#include "netsim/builder/operator.h"

namespace netsim {

class ResetOp final : public Operator {
 public:
  ResetOp(std::string origin, SignalId dst) : Operator(std::move(origin), {{dst}, {}, {}, {}}), dst_(dst) {}
  void step(const StepContext&, SignalStore& signals, Rows rows) override {
    signals.block(dst_, rows).setZero();
  }
  std::string kind() const override { return "Reset"; }
  bool has_trainable_weights() const override { return false; }
  bool stateless() const override { return true; }
  std::vector<SignalId> overwritten_whole() const override { return {dst_}; }

 private:
  SignalId dst_;
};

}  // namespace netsim
