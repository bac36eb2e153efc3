#pragma once
// A dropout node's output from its summed input (Keras's Dropout, inverted scaling):
//   training run:  out = in * keep / (1 - rate), keep = [u >= rate], u uniform in [0, 1)
//   otherwise:     out = in
//   reads: in     sets: out     VJP: grad_in += grad_out * keep / (1 - rate) (or grad_out)
// u is a hash of (the node, the run's draw, step k, row, index): no state, the same on
// any thread split, and recomputed by the VJP instead of stored.

#include <cstdint>

#include "netsim/builder/operator.h"

namespace netsim {

class DropoutOp final : public Operator {
 public:
  DropoutOp(std::string origin, SignalId in, SignalId out, Index size, double rate, std::uint64_t key)
      : Operator(std::move(origin), {{out}, {}, {in}, {}}), in_(in), out_(out), size_(size), rate_(rate), key_(key) {}
  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  void vjp(const BackwardStep& b, Rows rows) override;
  std::string kind() const override { return "Dropout"; }
  bool has_trainable_weights() const override { return false; }
  bool stateless() const override { return true; }
  std::vector<SignalId> overwritten_whole() const override { return {out_}; }
  double flops_per_row() const override { return 4.0 * static_cast<double>(size_); }

  // Whether value i of row `row` at step k survives draw `draw` (exposed for tests).
  bool keeps(std::uint64_t draw, long k, Index row, Index i) const;

 private:
  SignalId in_, out_;
  Index size_;
  double rate_;
  std::uint64_t key_;
};

}  // namespace netsim
