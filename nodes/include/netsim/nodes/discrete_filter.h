#pragma once
// A single-input single-output linear filter, discretised by zero-order hold, applied
// independently to every channel (every element of a [rows x size] signal), with Nengo's
// timing. The continuous num(s)/den(s) becomes the state-space system (A, B, C, D) in
// controllable canonical form and then (Ad, Bd) = ZOH(A, B, dt) via one matrix
// exponential of [[A, B], [0, 0]] dt.
//
// One call of `step` is the synapse's update at the end of step k: it consumes v[k] and
// produces the value readers see at step k+1:
//   D == 0 (strictly proper: lowpass, alpha):  x <- Ad x + Bd v[k];  s[k+1] = C x
//   D != 0 (e.g. tau = 0, a pure delay):       s[k+1] = C x + D v[k];  x <- Ad x + Bd v[k]
// Either way the synapse delays by exactly one step; lowpass(0) has no state and D = 1,
// so s[k+1] = v[k].
//
// State is kept in double: with a = exp(-dt/tau) close to 1 a float32 state loses the
// small increments (1-a) v. It costs little: filters are elementwise.

#include <vector>

#include "netsim/core/types.h"

namespace netsim::nodes {

class DiscreteFilter {
 public:
  // num, den: continuous coefficients, highest power first, proper, den[0] != 0.
  DiscreteFilter(const std::vector<double>& num, const std::vector<double>& den, double dt);

  Index order() const { return ad_.rows(); }
  bool is_pure_delay() const { return order() == 0 && d_ == 1.0; }
  const Eigen::MatrixXd& ad() const { return ad_; }
  const Eigen::VectorXd& bd() const { return bd_; }
  const Eigen::VectorXd& c() const { return c_; }
  double d() const { return d_; }

  // Advances `channels` independent filters one step.
  //   state: [order x stride] (column j is channel j's state; `first` is the first column)
  //   v:     the inputs v[k] of the channels (length `channels`)
  //   s:     the outputs visible at the next step (length `channels`)
  void step(Eigen::Ref<MatrixD> state, Index first, Index channels, const Scalar* v,
            Scalar* s) const;

  // The vector-Jacobian product of `step`, run from the last step to the first: given
  // grad_s (dL/ds of the value this step produced) it adds dL/dv[k] to grad_v and moves
  // the adjoint state (dL/dx, [order x stride], zeros before the last step) one step back.
  //   D == 0:  lambda = C^T grad_s + adjoint;  grad_v += Bd^T lambda;  adjoint = Ad^T lambda
  //   D != 0:  grad_v += D grad_s + Bd^T adjoint;  adjoint = C^T grad_s + Ad^T adjoint
  void vjp(Eigen::Ref<MatrixD> adjoint, Index first, Index channels, const Scalar* grad_s,
           Scalar* grad_v) const;

 private:
  Eigen::MatrixXd ad_;
  Eigen::VectorXd bd_;
  Eigen::VectorXd c_;
  double d_ = 0.0;
};

}  // namespace netsim::nodes
