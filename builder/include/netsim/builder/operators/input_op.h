#pragma once
// Output of an input node: out[b, :] = data(b, k-1, :) at step k.
//   sets: out     VJP: gradient w.r.t. the data (not needed for training weights)

#include "netsim/builder/operator.h"
#include "netsim/core/array3.h"

namespace netsim {

class InputOp final : public Operator {
 public:
  InputOp(std::string node, SignalId out, Index size)
      : Operator("node '" + node + "'", {{out}, {}, {}, {}}), node_(std::move(node)), out_(out), size_(size) {}

  // Data shaped (batch, steps, size); checked by the Simulator, must outlive the run.
  void bind(const Array3* data) { data_ = data; }
  const Array3* data() const { return data_; }
  const std::string& node() const { return node_; }
  Index size() const { return size_; }

  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  std::string kind() const override { return "Input"; }
  bool has_trainable_weights() const override { return false; }
  bool stateless() const override { return true; }

 private:
  std::string node_;
  SignalId out_;
  Index size_;
  const Array3* data_ = nullptr;
};

}  // namespace netsim
