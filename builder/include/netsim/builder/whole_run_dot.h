#pragma once
// The time_batched_gemm rewrite's whole-run work (rewrites.h): a dense connection whose
// input u is known before the step loop feeds a node of the step loop. Instead of one
// [rows x p] * [p x out] product per step and task, z = u W^T is computed for every step
// of the run at once, as GEMMs over (steps x minibatch) rows; backward, dL/dW = dz^T u
// and dL/du = dz W the same way. On the last step only when only that step is read.

#include "netsim/builder/whole_run_op.h"

namespace netsim {

class WholeRunDot final : public WholeRunOp {
 public:
  // weights: dense, out x p.
  WholeRunDot(std::string connection, const Parameter* weights, Index p, Index out);

  std::string describe() const override;
  void compute(long first, long last) override;
  void backward(long first, long last, std::vector<Matrix>& parameter_grads) override;
};

}  // namespace netsim
