#include "netsim/core/distribution.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <boost/math/special_functions/beta.hpp>
#include <Eigen/QR>

#include "netsim/core/error.h"
#include "netsim/core/overloaded.h"

namespace netsim {
namespace {

// The point uniform on the unit sphere in d dimensions (a normal sample, normalised).
VectorD on_sphere(Rng& rng, Index d) {
  VectorD v(d);
  do {
    for (Index i = 0; i < d; ++i) v[i] = rng.normal();
  } while (v.norm() == 0.0);
  return v / v.norm();
}

// The positive root of x^(d+1) = x + 1 (the generalised golden ratio of the R_d sequence).
double generalised_golden_ratio(Index d) {
  double x = 1.5;
  for (int i = 0; i < 100; ++i) {
    const double f = std::pow(x, static_cast<double>(d + 1)) - x - 1.0;
    const double df = static_cast<double>(d + 1) * std::pow(x, static_cast<double>(d)) - 1.0;
    const double step = f / df;
    x -= step;
    if (std::abs(step) < 1e-14) break;
  }
  return x;
}

// n points of the R_d low-discrepancy sequence in [0, 1)^d with a random offset; d = 1:
// the n points evenly spaced, shifted.
MatrixD quasirandom(Index n, Index d, Rng& rng) {
  VectorD offset(d);
  for (Index j = 0; j < d; ++j) offset[j] = rng.uniform();
  MatrixD z(n, d);
  if (d == 1) {
    for (Index i = 0; i < n; ++i) z(i, 0) = std::fmod(offset[0] + static_cast<double>(i) / static_cast<double>(n), 1.0);
    return z;
  }
  const double phi = generalised_golden_ratio(d);
  VectorD alpha(d);
  for (Index j = 0; j < d; ++j) alpha[j] = std::pow(1.0 / phi, static_cast<double>(j + 1));
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < d; ++j) z(i, j) = std::fmod(offset[j] + static_cast<double>(i + 1) * alpha[j], 1.0);
  return z;
}

// The inverse CDF, on [0, 1], of an angle theta / pi whose density is proportional to
// sin(theta)^(k - 1) on [0, pi]: through the regularised incomplete beta function
// (sin^2 theta ~ Beta(k / 2, 1 / 2) on each half).
double angle_quantile(Index k, double y) {
  const double reflected = std::min(y, 1.0 - y);
  if (reflected <= 0.0) return y < 0.5 ? 0.0 : 1.0;
  const double z2 = boost::math::ibeta_inv(static_cast<double>(k) / 2.0, 0.5, std::min(1.0, 2.0 * reflected));
  const double x = std::asin(std::sqrt(z2)) / std::numbers::pi;
  return y < 0.5 ? x : 1.0 - x;
}

// Maps points of [0, 1)^(d-1) to the unit sphere in d dimensions, evenly: spherical
// coordinates whose angles have the sphere's marginal distributions (the last a full turn).
MatrixD to_sphere(const MatrixD& z) {
  const Index n = z.rows(), k = z.cols(), d = k + 1;
  MatrixD out(n, d);
  for (Index i = 0; i < n; ++i) {
    double running = 1.0;  // the product of the sines so far
    for (Index j = 0; j < k; ++j) {
      const double turn = j + 1 == k ? 2.0 : 1.0;
      const double angle = turn * std::numbers::pi * angle_quantile(k - j, z(i, j));
      out(i, j) = running * std::cos(angle);
      running *= std::sin(angle);
    }
    out(i, d - 1) = running;
  }
  return out;
}

// A random orthogonal d x d matrix (QR of a normal matrix, signs fixed: Haar-distributed).
MatrixD random_rotation(Index d, Rng& rng) {
  MatrixD g(d, d);
  for (Index i = 0; i < d; ++i)
    for (Index j = 0; j < d; ++j) g(i, j) = rng.normal();
  Eigen::HouseholderQR<MatrixD> qr(g);
  MatrixD q = qr.householderQ();
  const MatrixD r = qr.matrixQR().triangularView<Eigen::Upper>();
  for (Index j = 0; j < d; ++j)
    if (r(j, j) < 0.0) q.col(j) *= -1.0;
  return q;
}

MatrixD scattered(Index n, Index d, bool surface, Rng& rng) {
  if (d == 1) {
    if (surface) {
      const MatrixD z = quasirandom(n, 1, rng);
      return (z.array() < 0.5).select(MatrixD::Constant(n, 1, -1.0), MatrixD::Constant(n, 1, 1.0));
    }
    // Half of the points tile (0, 1], the other half [-1, 0), in random order.
    const Index positive = n / 2;
    MatrixD out(n, 1);
    out.topRows(positive) = quasirandom(positive, 1, rng);
    out.bottomRows(n - positive) = -quasirandom(n - positive, 1, rng);
    for (Index i = n - 1; i > 0; --i) std::swap(out(i, 0), out(static_cast<Index>(rng.below(static_cast<std::uint64_t>(i + 1))), 0));
    return out;
  }
  const MatrixD z = quasirandom(n, surface ? d - 1 : d, rng);
  MatrixD points = to_sphere(z.leftCols(d - 1));
  if (!surface)
    for (Index i = 0; i < n; ++i) points.row(i) *= std::pow(z(i, d - 1), 1.0 / static_cast<double>(d));
  return points * random_rotation(d, rng);
}

}  // namespace

void check(const Distribution& dist, Index d, const std::string& where) {
  std::visit(Overloaded{
                 [&](const Uniform& u) {
                   if (!std::isfinite(u.low) || !std::isfinite(u.high) || u.high < u.low)
                     throw ValidationError(where + ": uniform: expected finite [low, high] with low <= high");
                 },
                 [&](const Gaussian& g) {
                   if (!std::isfinite(g.mean) || !std::isfinite(g.std) || g.std < 0.0)
                     throw ValidationError(where + ": gaussian: expected a finite mean and a std >= 0");
                 },
                 [&](const Choice& c) {
                   if (c.options.rows() == 0) throw ValidationError(where + ": choice: expected at least one option");
                   if (c.options.cols() != d)
                     throw ValidationError(where + ": choice: expected options of " + std::to_string(d) + " values, got " +
                                           std::to_string(c.options.cols()));
                   if (!c.options.allFinite()) throw ValidationError(where + ": choice: expected finite numbers");
                 },
                 [](const UniformHypersphere&) {}, [](const ScatteredHypersphere&) {}},
             dist);
}

MatrixD sample(const Distribution& dist, Index n, Index d, Rng& rng) {
  return std::visit(Overloaded{
                        [&](const Uniform& u) {
                          MatrixD m(n, d);
                          for (Index i = 0; i < n; ++i)
                            for (Index j = 0; j < d; ++j) m(i, j) = rng.uniform(u.low, u.high);
                          return m;
                        },
                        [&](const Gaussian& g) {
                          MatrixD m(n, d);
                          for (Index i = 0; i < n; ++i)
                            for (Index j = 0; j < d; ++j) m(i, j) = g.mean + g.std * rng.normal();
                          return m;
                        },
                        [&](const Choice& c) {
                          MatrixD m(n, d);
                          for (Index i = 0; i < n; ++i)
                            m.row(i) = c.options.row(static_cast<Index>(rng.below(static_cast<std::uint64_t>(c.options.rows()))));
                          return m;
                        },
                        [&](const UniformHypersphere& u) {
                          MatrixD m(n, d);
                          for (Index i = 0; i < n; ++i) {
                            const double r = u.surface ? 1.0 : std::pow(rng.uniform(), 1.0 / static_cast<double>(d));
                            m.row(i) = (on_sphere(rng, d) * r).transpose();
                          }
                          return m;
                        },
                        [&](const ScatteredHypersphere& s) { return scattered(n, d, s.surface, rng); }},
                    dist);
}

std::string to_string(const Distribution& dist) {
  return std::visit(Overloaded{[](const Uniform& u) { return "uniform[" + std::to_string(u.low) + ", " + std::to_string(u.high) + ")"; },
                               [](const Gaussian& g) { return "gaussian(" + std::to_string(g.mean) + ", " + std::to_string(g.std) + ")"; },
                               [](const Choice& c) { return "choice of " + std::to_string(c.options.rows()); },
                               [](const UniformHypersphere& u) { return std::string(u.surface ? "uniform_hypersphere surface" : "uniform_hypersphere"); },
                               [](const ScatteredHypersphere& s) { return std::string(s.surface ? "scattered_hypersphere surface" : "scattered_hypersphere"); }},
                    dist);
}

}  // namespace netsim
