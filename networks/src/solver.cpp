#include "netsim/networks/solver.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Cholesky>
#include <Eigen/SVD>
#include <tbb/parallel_for.h>

#include "netsim/core/error.h"

namespace netsim::networks {
namespace {

constexpr std::pair<Solver::Kind, const char*> kKindNames[] = {
    {Solver::Kind::lstsq_l2, "lstsq_l2"}, {Solver::Kind::lstsq_l2nz, "lstsq_l2nz"}, {Solver::Kind::lstsq, "lstsq"},
    {Solver::Kind::nnls, "nnls"},         {Solver::Kind::nnls_l2, "nnls_l2"},       {Solver::Kind::nnls_l2nz, "nnls_l2nz"}};

// A^T A (n x n): the lower triangle by blocks of columns on every core, each block
// written by one task (no sums across tasks: the same bits on any number of threads), the
// upper mirrored. It is m n^2 work with m >= 2n evaluation points by default, so it
// dominates the solve for large ensembles.
MatrixD gram(const MatrixD& a) {
  const Index n = a.cols(), block = 64;
  MatrixD g(n, n);
  tbb::parallel_for(Index{0}, (n + block - 1) / block, [&](Index b) {
    const Index first = b * block, cols = std::min(block, n - first);
    g.block(first, first, n - first, cols).noalias() = a.rightCols(n - first).transpose() * a.middleCols(first, cols);
  });
  return g.selfadjointView<Eigen::Lower>();
}

// Per neuron: the square root of the fraction of evaluation points where it is active.
VectorD active_fraction_sqrt(const MatrixD& a) {
  VectorD f(a.cols());
  for (Index i = 0; i < a.cols(); ++i)
    f[i] = std::sqrt(static_cast<double>((a.col(i).array().abs() > 0.0).count()) / static_cast<double>(a.rows()));
  return f;
}

// (A^T A + m diag(s^2)) X = A^T Y by Cholesky (LDL^T), or the transposed system when
// there are fewer points than neurons and one s for all (Nengo's Cholesky solver).
MatrixD regularised_least_squares(const MatrixD& a, const MatrixD& y, const VectorD& sigma) {
  const double m = static_cast<double>(a.rows());
  if (a.rows() < a.cols() && sigma.size() == 1) {
    MatrixD g = a * a.transpose();
    g.diagonal().array() += m * sigma[0] * sigma[0];
    return a.transpose() * g.llt().solve(y);
  }
  MatrixD g = gram(a);
  if (sigma.size() == 1) g.diagonal().array() += m * sigma[0] * sigma[0];
  else g.diagonal() += (m * sigma.array().square()).matrix();
  return g.llt().solve(a.transpose() * y);
}

}  // namespace

std::string to_string(Solver::Kind kind) {
  for (const auto& [k, name] : kKindNames)
    if (k == kind) return name;
  return "?";
}

std::optional<Solver::Kind> solver_kind_named(const std::string& name) {
  for (const auto& [k, n] : kKindNames)
    if (name == n) return k;
  return std::nullopt;
}

const std::vector<std::string>& solver_kind_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& [k, n] : kKindNames) v.emplace_back(n);
    return v;
  }();
  return names;
}

void check(const Solver& s, const std::string& where) {
  if (!(s.reg >= 0.0) || !std::isfinite(s.reg)) throw ValidationError(where + ": solver: reg: expected a number >= 0");
  if (!(s.rcond >= 0.0) || !std::isfinite(s.rcond)) throw ValidationError(where + ": solver: rcond: expected a number >= 0");
}

VectorD nonnegative_least_squares(const MatrixD& a, const VectorD& y) {
  // Lawson and Hanson's active-set method on the normal equations N = A^T A, c = A^T y:
  // the gradient is c - N x, and each passive-set solve is a Cholesky factorisation of the
  // passive block of N (p x p, not the m x p least-squares problem).
  const Index n = a.cols();
  const MatrixD normal = gram(a);
  const VectorD c = a.transpose() * y;
  VectorD x = VectorD::Zero(n);
  std::vector<Index> passive;  // ascending
  std::vector<bool> in_passive(static_cast<std::size_t>(n), false);
  const double tolerance = 10.0 * std::numeric_limits<double>::epsilon() * std::max(1.0, c.cwiseAbs().maxCoeff()) *
                           static_cast<double>(std::max(a.rows(), n));
  auto solve_passive = [&]() {
    const auto p = static_cast<Index>(passive.size());
    MatrixD block(p, p);
    VectorD rhs(p);
    for (Index i = 0; i < p; ++i) {
      rhs[i] = c[passive[static_cast<std::size_t>(i)]];
      for (Index j = 0; j < p; ++j) block(i, j) = normal(passive[static_cast<std::size_t>(i)], passive[static_cast<std::size_t>(j)]);
    }
    const VectorD s = block.ldlt().solve(rhs);
    VectorD z = VectorD::Zero(n);
    for (Index i = 0; i < p; ++i) z[passive[static_cast<std::size_t>(i)]] = s[i];
    return z;
  };
  const Index max_iterations = 3 * n + 10;
  for (Index iteration = 0; iteration < max_iterations; ++iteration) {
    const VectorD w = c - normal * x;
    Index best = -1;
    for (Index i = 0; i < n; ++i)
      if (!in_passive[static_cast<std::size_t>(i)] && w[i] > tolerance && (best < 0 || w[i] > w[best])) best = i;
    if (best < 0) break;  // the optimality conditions hold
    passive.insert(std::lower_bound(passive.begin(), passive.end(), best), best);
    in_passive[static_cast<std::size_t>(best)] = true;
    for (Index inner = 0; inner <= n; ++inner) {
      const VectorD z = solve_passive();
      bool feasible = true;
      for (Index i : passive) feasible = feasible && z[i] > 0.0;
      if (feasible) {
        x = z;
        break;
      }
      // Step from x towards z as far as every passive value stays >= 0; those reaching 0 leave.
      double alpha = 1.0;
      for (Index i : passive)
        if (z[i] <= 0.0) alpha = std::min(alpha, x[i] / (x[i] - z[i]));
      x += alpha * (z - x);
      std::vector<Index> kept;
      for (Index i : passive) {
        if (x[i] <= tolerance * 1e-3 * std::max(1.0, x.cwiseAbs().maxCoeff())) {
          in_passive[static_cast<std::size_t>(i)] = false;
          x[i] = 0.0;
        } else {
          kept.push_back(i);
        }
      }
      passive = kept;
    }
  }
  return x;
}

MatrixD solve(const Solver& s, const MatrixD& a, const MatrixD& y, const std::string& where) {
  if ((a.array() != 0.0).count() == 0) {
    throw ValidationError(where + ": decoders: every neuron's rate is zero at every evaluation point (no evaluation " +
                          "point falls in any neuron's firing range): check intercepts, max_rates, radius and eval_points");
  }
  const double m = static_cast<double>(a.rows());
  switch (s.kind) {
    case Solver::Kind::lstsq_l2:
      return regularised_least_squares(a, y, VectorD::Constant(1, s.reg * a.maxCoeff()));
    case Solver::Kind::lstsq_l2nz: {
      VectorD sigma = s.reg * a.cwiseAbs().maxCoeff() * active_fraction_sqrt(a);
      const double largest = sigma.maxCoeff();
      for (Index i = 0; i < sigma.size(); ++i)
        if (sigma[i] == 0.0) sigma[i] = largest;
      return regularised_least_squares(a, y, sigma);
    }
    case Solver::Kind::lstsq: {
      Eigen::BDCSVD<MatrixD> svd(a, Eigen::ComputeThinU | Eigen::ComputeThinV);
      svd.setThreshold(s.rcond);
      return svd.solve(y);
    }
    case Solver::Kind::nnls: {
      MatrixD x(a.cols(), y.cols());
      for (Index k = 0; k < y.cols(); ++k) x.col(k) = nonnegative_least_squares(a, y.col(k));
      return x;
    }
    case Solver::Kind::nnls_l2:
    case Solver::Kind::nnls_l2nz: {
      VectorD sigma = VectorD::Constant(a.cols(), s.reg * a.maxCoeff());
      if (s.kind == Solver::Kind::nnls_l2nz) {
        VectorD f(a.cols());
        for (Index i = 0; i < a.cols(); ++i)
          f[i] = std::sqrt(static_cast<double>((a.col(i).array() > 0.0).count()) / m);
        sigma = s.reg * a.maxCoeff() * f;
        for (Index i = 0; i < sigma.size(); ++i)
          if (sigma[i] == 0.0) sigma[i] = 1.0;
      }
      MatrixD g = gram(a);
      g.diagonal() += (m * sigma.array().square()).matrix();
      const MatrixD gy = a.transpose() * y.cwiseMax(0.0);
      MatrixD x(a.cols(), y.cols());
      for (Index k = 0; k < y.cols(); ++k) x.col(k) = nonnegative_least_squares(g, gy.col(k));
      return x;
    }
  }
  return {};
}

}  // namespace netsim::networks
