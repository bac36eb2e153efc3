// Distributions (networks/distribution.h) and the NNLS solver (networks/solver.h): the
// statistics each distribution must have, the scattered one spreading points more evenly
// than independent draws, and non-negative least squares against its optimality conditions.
#include <doctest/doctest.h>

#include <cmath>

#include <netsim/core/error.h>
#include <netsim/core/distribution.h>
#include <netsim/networks/solver.h>

namespace netsim::test {
namespace {



// How unevenly n points cover the sphere (or ball): the largest deviation, over a fixed set
// of caps (half-spaces through random directions at random offsets), of the fraction of
// points inside from the fraction a uniform distribution puts there (estimated from many
// independent uniform points).
double cap_discrepancy(const MatrixD& points, bool surface) {
  Rng rng(99);
  const Index d = points.cols();
  const MatrixD reference = sample(UniformHypersphere{surface}, 200000, d, rng);
  double worst = 0.0;
  for (int c = 0; c < 60; ++c) {
    VectorD dir(d);
    for (Index j = 0; j < d; ++j) dir[j] = rng.normal();
    dir.normalize();
    const double offset = rng.uniform(-0.6, 0.6);
    const double in_points = static_cast<double>(((points * dir).array() > offset).count()) / static_cast<double>(points.rows());
    const double in_ref = static_cast<double>(((reference * dir).array() > offset).count()) / static_cast<double>(reference.rows());
    worst = std::max(worst, std::abs(in_points - in_ref));
  }
  return worst;
}

}  // namespace

TEST_CASE("distributions: uniform, gaussian and choice have their statistics and bad ones are refused") {
  Rng rng(1);
  const MatrixD u = sample(Uniform{2.0, 5.0}, 20000, 1, rng);
  CHECK(u.minCoeff() >= 2.0);
  CHECK(u.maxCoeff() < 5.0);
  CHECK(u.mean() == doctest::Approx(3.5).epsilon(0.01));
  const MatrixD g = sample(Gaussian{-1.0, 0.5}, 20000, 2, rng);
  CHECK(g.mean() == doctest::Approx(-1.0).epsilon(0.02));
  CHECK(std::sqrt((g.array() + 1.0).square().mean()) == doctest::Approx(0.5).epsilon(0.02));
  MatrixD options(2, 2);
  options << 1, 0, 0, 1;
  const MatrixD c = sample(Choice{options}, 1000, 2, rng);
  Index first = 0;
  for (Index i = 0; i < c.rows(); ++i) {
    CHECK(((c.row(i) - options.row(0)).norm() == 0.0 || (c.row(i) - options.row(1)).norm() == 0.0));
    first += c(i, 0) == 1.0 ? 1 : 0;
  }
  CHECK(first > 400);
  CHECK(first < 600);
  CHECK_THROWS_WITH_AS(netsim::check(Uniform{1.0, 0.0}, 1, "x"), doctest::Contains("low <= high"), ValidationError);
  CHECK_THROWS_WITH_AS(netsim::check(Gaussian{0.0, -1.0}, 1, "x"), doctest::Contains("std >= 0"), ValidationError);
  CHECK_THROWS_WITH_AS(netsim::check(Choice{options}, 3, "x"), doctest::Contains("options of 3 values, got 2"),
                       ValidationError);
}

TEST_CASE("distributions: the hyperspheres cover the sphere and the ball, the scattered one more evenly") {
  for (const Index d : {1, 2, 3, 5}) {
    for (const bool surface : {true, false}) {
      CAPTURE(d);
      CAPTURE(surface);
      const Index n = 500;
      Rng a(7), b(7), other(8), uniform_rng(7);
      const MatrixD s = sample(ScatteredHypersphere{surface}, n, d, a);
      CHECK(s.isApprox(sample(ScatteredHypersphere{surface}, n, d, b)));          // seeded
      CHECK(!s.isApprox(sample(ScatteredHypersphere{surface}, n, d, other)));     // by the seed
      const VectorD norms = s.rowwise().norm();
      if (surface) CHECK((norms.array() - 1.0).abs().maxCoeff() < 1e-12);
      else CHECK(norms.maxCoeff() <= 1.0 + 1e-12);
      if (!surface) {
        // In the ball, the fraction within radius r is r^d.
        const double inside = static_cast<double>((norms.array() < std::pow(0.5, 1.0 / static_cast<double>(d))).count()) /
                              static_cast<double>(n);
        CHECK(inside == doctest::Approx(0.5).epsilon(0.1));
      }
      CHECK(s.colwise().mean().norm() < 0.05);
      const double scattered = cap_discrepancy(s, surface);
      const double independent = cap_discrepancy(sample(UniformHypersphere{surface}, n, d, uniform_rng), surface);
      MESSAGE("d " << d << std::string(surface ? " surface" : " ball") << ": cap discrepancy scattered " << scattered << ", uniform "
                   << independent);
      if (!(d == 1 && surface)) CHECK(scattered < independent);  // (1-D surface: just ±1)
    }
  }
}

TEST_CASE("solvers: non-negative least squares meets its optimality conditions") {
  Rng rng(3);
  for (int trial = 0; trial < 20; ++trial) {
    const Index m = 30, n = 12;
    MatrixD a(m, n);
    VectorD y(m);
    for (Index i = 0; i < m; ++i) {
      y[i] = rng.normal();
      for (Index j = 0; j < n; ++j) a(i, j) = rng.normal();
    }
    const VectorD x = networks::nonnegative_least_squares(a, y);
    const VectorD w = a.transpose() * (y - a * x);  // minus the gradient of |Ax - y|^2 / 2
    CAPTURE(trial);
    CHECK(x.minCoeff() >= 0.0);
    for (Index j = 0; j < n; ++j) {
      if (x[j] > 0.0) CHECK(std::abs(w[j]) < 1e-9);  // free values: stationary
      else CHECK(w[j] < 1e-9);                       // values at zero: increasing them would not help
    }
  }
}

}  // namespace netsim::test
