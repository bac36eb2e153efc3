#include "netsim/nodes/discrete_filter.h"

#include <unsupported/Eigen/MatrixFunctions>

#include "netsim/core/error.h"

namespace netsim::nodes {

DiscreteFilter::DiscreteFilter(const std::vector<double>& num, const std::vector<double>& den,
                               double dt) {
  if (den.empty() || den[0] == 0.0 || num.size() > den.size()) {
    throw Error("DiscreteFilter: expected a proper transfer function with den[0] != 0");
  }
  if (!(dt > 0.0)) throw Error("DiscreteFilter: expected dt > 0");
  const Index n = static_cast<Index>(den.size()) - 1;  // order
  // Normalise so that den = s^n + a1 s^(n-1) + ... + an; pad num to n+1 coefficients.
  std::vector<double> a(den.size()), b(den.size(), 0.0);
  for (std::size_t i = 0; i < den.size(); ++i) a[i] = den[i] / den[0];
  for (std::size_t i = 0; i < num.size(); ++i) b[den.size() - num.size() + i] = num[i] / den[0];

  // Controllable canonical form: x' = A x + B u, y = C x + D u.
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(n, n);
  Eigen::VectorXd B = Eigen::VectorXd::Zero(n);
  c_.resize(n);
  d_ = b[0];
  for (Index j = 0; j < n; ++j) {
    A(0, j) = -a[static_cast<std::size_t>(j + 1)];
    c_(j) = b[static_cast<std::size_t>(j + 1)] - b[0] * a[static_cast<std::size_t>(j + 1)];
  }
  for (Index i = 1; i < n; ++i) A(i, i - 1) = 1.0;
  if (n > 0) B(0) = 1.0;

  // ZOH: expm([[A, B], [0, 0]] dt) = [[Ad, Bd], [0, 1]].
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(n + 1, n + 1);
  m.topLeftCorner(n, n) = A * dt;
  m.topRightCorner(n, 1) = B * dt;
  Eigen::MatrixXd e = m.exp();
  ad_ = e.topLeftCorner(n, n);
  bd_ = e.topRightCorner(n, 1);
}

void DiscreteFilter::step(Eigen::Ref<MatrixD> state, Index first, Index channels,
                          const Scalar* v, Scalar* s) const {
  const Index n = order();
  if (n == 0) {
    for (Index j = 0; j < channels; ++j) s[j] = static_cast<Scalar>(d_ * v[j]);
    return;
  }
  if (n == 1) {  // lowpass: the common case, kept scalar and branch-free
    const double a = ad_(0, 0), b = bd_(0), c = c_(0), d = d_;
    double* x = state.row(0).data() + first;
    if (d == 0.0) {
      for (Index j = 0; j < channels; ++j) {
        x[j] = a * x[j] + b * v[j];
        s[j] = static_cast<Scalar>(c * x[j]);
      }
    } else {
      for (Index j = 0; j < channels; ++j) {
        s[j] = static_cast<Scalar>(c * x[j] + d * v[j]);
        x[j] = a * x[j] + b * v[j];
      }
    }
    return;
  }
  Eigen::VectorXd xj(n);
  for (Index j = 0; j < channels; ++j) {
    for (Index i = 0; i < n; ++i) xj(i) = state(i, first + j);
    const double vj = v[j];
    if (d_ == 0.0) {
      xj = ad_ * xj + bd_ * vj;
      s[j] = static_cast<Scalar>(c_.dot(xj));
    } else {
      s[j] = static_cast<Scalar>(c_.dot(xj) + d_ * vj);
      xj = ad_ * xj + bd_ * vj;
    }
    for (Index i = 0; i < n; ++i) state(i, first + j) = xj(i);
  }
}

void DiscreteFilter::vjp(Eigen::Ref<MatrixD> adjoint, Index first, Index channels,
                         const Scalar* grad_s, Scalar* grad_v) const {
  const Index n = order();
  if (n == 0) {
    for (Index j = 0; j < channels; ++j) grad_v[j] += static_cast<Scalar>(d_ * grad_s[j]);
    return;
  }
  if (n == 1) {
    const double a = ad_(0, 0), b = bd_(0), c = c_(0), d = d_;
    double* lam = adjoint.row(0).data() + first;
    if (d == 0.0) {
      for (Index j = 0; j < channels; ++j) {
        const double l = c * grad_s[j] + lam[j];
        grad_v[j] += static_cast<Scalar>(b * l);
        lam[j] = a * l;
      }
    } else {
      for (Index j = 0; j < channels; ++j) {
        grad_v[j] += static_cast<Scalar>(d * grad_s[j] + b * lam[j]);
        lam[j] = c * grad_s[j] + a * lam[j];
      }
    }
    return;
  }
  Eigen::VectorXd lj(n);
  for (Index j = 0; j < channels; ++j) {
    for (Index i = 0; i < n; ++i) lj(i) = adjoint(i, first + j);
    const double gs = grad_s[j];
    if (d_ == 0.0) {
      lj += c_ * gs;
      grad_v[j] += static_cast<Scalar>(bd_.dot(lj));
      lj = ad_.transpose() * lj;
    } else {
      grad_v[j] += static_cast<Scalar>(d_ * gs + bd_.dot(lj));
      lj = c_ * gs + ad_.transpose() * lj;
    }
    for (Index i = 0; i < n; ++i) adjoint(i, first + j) = lj(i);
  }
}

}  // namespace netsim::nodes
