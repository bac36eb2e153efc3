#include <doctest/doctest.h>

#include <cmath>

#include <netsim/netsim.h>

namespace netsim::test {

TEST_CASE("initializer: glorot_uniform stays within its limit and is not constant") {
  Rng rng(1);
  const MatrixD w = draw(init::glorot_uniform(), 30, 20, rng);
  const double limit = std::sqrt(6.0 / 50.0);
  CHECK(w.cwiseAbs().maxCoeff() <= limit);
  CHECK(w.cwiseAbs().maxCoeff() > 0.9 * limit);
  CHECK(std::abs(w.mean()) < 0.05);
}

TEST_CASE("initializer: orthogonal gives orthonormal rows or columns times the gain") {
  Rng rng(2);
  const MatrixD tall = draw(init::orthogonal(), 6, 4, rng);
  CHECK((tall.transpose() * tall - MatrixD::Identity(4, 4)).cwiseAbs().maxCoeff() < 1e-12);
  const MatrixD wide = draw(init::orthogonal(0.5), 3, 5, rng);
  CHECK((wide * wide.transpose() - 0.25 * MatrixD::Identity(3, 3)).cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("initializer: constant kinds and parameter checks") {
  Rng rng(3);
  CHECK(draw(init::zeros(), 2, 3, rng) == MatrixD::Zero(2, 3));
  CHECK(draw(init::ones(), 2, 3, rng) == MatrixD::Ones(2, 3));
  CHECK(draw(init::identity(), 2, 3, rng) == MatrixD::Identity(2, 3));
  const MatrixD u = draw(init::uniform(2.0, 3.0), 10, 10, rng);
  CHECK(u.minCoeff() >= 2.0);
  CHECK(u.maxCoeff() < 3.0);
  const MatrixD n = draw(init::normal(1.0, 0.1), 100, 100, rng);
  CHECK(n.mean() == doctest::Approx(1.0).epsilon(0.01));
  CHECK_THROWS_AS(draw(init::uniform(1.0, 0.0), 1, 1, rng), ValidationError);
  CHECK_THROWS_AS(draw(init::normal(0.0, -1.0), 1, 1, rng), ValidationError);
}

TEST_CASE("Rng: one stream per (seed, object name), reproducible") {
  Rng a = Rng::for_object(5, "u->h"), b = Rng::for_object(5, "u->h"), c = Rng::for_object(5, "m->h"), d = Rng::for_object(6, "u->h");
  const double first = a.uniform();
  CHECK(first == b.uniform());
  CHECK(first != c.uniform());
  CHECK(first != d.uniform());
}

}  // namespace netsim::test
