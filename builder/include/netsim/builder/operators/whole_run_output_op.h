#pragma once
// Adds one reader's output z_k of a whole-run operator (whole_run_op.h, computed for the
// whole run before the step loop) into the reader's target: dst[dst_idx] += z_k.
//   incs: dst
//   VJP: dL/dz_k = grad_dst[dst_idx], handed to WholeRunOp::backward

#include <vector>

#include "netsim/builder/whole_run_op.h"
#include "netsim/builder/operator.h"

namespace netsim {

class WholeRunOutputOp final : public Operator {
 public:
  // `source` must outlive the operator; `reader` indexes source->readers().
  WholeRunOutputOp(std::string origin, WholeRunOp* source, int reader, SignalId dst, std::vector<int> dst_idx);

  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  void vjp(const BackwardStep& b, Rows rows) override;
  std::string kind() const override { return "WholeRunOutputInc"; }
  bool stateless() const override { return true; }
  double flops_per_row() const override { return static_cast<double>(dst_idx_.size()); }
  const WholeRunOp* whole_run_source() const override { return source_; }
  int reader() const { return reader_; }

 private:
  WholeRunOp* source_;
  int reader_;
  SignalId dst_;
  std::vector<int> dst_idx_;
};

}  // namespace netsim
