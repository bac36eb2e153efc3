#pragma once
// The outputs of function nodes (core/node_kinds/function.h):
//   TimeFunctionOp  out = f(t), the same for every row     sets: out     VJP: none (a source)
//   FunctionOp      out = f(t, in), row by row              reads: in     sets: out
//                   VJP: none; a backward pass that wants the input's gradient stops with
//                   an error naming the node (nothing upstream trains: it just clears).
// Each holds a lock while it calls its function, so a callable with state of its own is
// never called from two threads at once.

#include <mutex>

#include "netsim/builder/operator.h"
#include "netsim/core/node_kinds/function.h"

namespace netsim {

class TimeFunctionOp final : public Operator {
 public:
  TimeFunctionOp(std::string origin, TimeFunction f, SignalId out, Index size)
      : Operator(std::move(origin), {{out}, {}, {}, {}}), f_(std::move(f)), out_(out), size_(size) {}
  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  std::string kind() const override { return "TimeFunction"; }
  bool has_trainable_weights() const override { return false; }
  bool stateless() const override { return true; }
  std::vector<SignalId> overwritten_whole() const override { return {out_}; }

 private:
  TimeFunction f_;
  SignalId out_;
  Index size_;
  std::mutex lock_;
};

class FunctionOp final : public Operator {
 public:
  FunctionOp(std::string origin, InputFunction f, SignalId in, SignalId out, Index size_in, Index size_out)
      : Operator(std::move(origin), {{out}, {}, {in}, {}}), f_(std::move(f)), in_(in), out_(out), size_in_(size_in),
        size_out_(size_out) {}
  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  void vjp(const BackwardStep& b, Rows rows) override;
  std::string kind() const override { return "Function"; }
  bool has_trainable_weights() const override { return false; }
  bool stateless() const override { return true; }
  std::vector<SignalId> overwritten_whole() const override { return {out_}; }
  double flops_per_row() const override { return 50.0 * static_cast<double>(size_in_ + size_out_); }

 private:
  InputFunction f_;
  SignalId in_, out_;
  Index size_in_, size_out_;
  std::mutex lock_;
};

}  // namespace netsim
