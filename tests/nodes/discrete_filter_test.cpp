// Zero-order-hold discretisation checked against the closed forms in
// reference/nengo-semantics.md, and Nengo's one-step timing.

#include <doctest/doctest.h>

#include <cmath>

#include <netsim/netsim.h>
#include <netsim/nodes/discrete_filter.h>

namespace netsim::test {
namespace {

// Impulse response of one channel: v = 1 at the first call, then 0. Element k is what
// readers see at step k + 2 (the first output appears one step after the impulse).
std::vector<double> impulse(const nodes::DiscreteFilter& f, int n) {
  MatrixD state = MatrixD::Zero(f.order(), 1);
  std::vector<double> out;
  for (int k = 0; k < n; ++k) {
    Scalar v = k == 0 ? 1.0f : 0.0f, s = 0.0f;
    f.step(state, 0, 1, &v, &s);
    out.push_back(s);
  }
  return out;
}

}  // namespace

TEST_CASE("DiscreteFilter: lowpass is a = exp(-dt/tau), gain 1 - a") {
  const double dt = 0.001, tau = 0.003, a = std::exp(-dt / tau);
  nodes::DiscreteFilter f({1.0}, {tau, 1.0}, dt);
  CHECK(f.order() == 1);
  CHECK(f.ad()(0, 0) == doctest::Approx(a).epsilon(1e-14));
  const auto h = impulse(f, 5);
  for (int k = 0; k < 5; ++k) CHECK(h[static_cast<std::size_t>(k)] == doctest::Approx((1 - a) * std::pow(a, k)).epsilon(1e-6));
}

TEST_CASE("DiscreteFilter: alpha impulse response starts b1, 2a b1 + b2") {
  const double dt = 1.0, tau = 3.0, a = std::exp(-dt / tau), r = dt / tau;
  const double b1 = 1 - a - r * a, b2 = a * a - a + r * a;
  nodes::DiscreteFilter f({1.0}, {tau * tau, 2 * tau, 1.0}, dt);
  CHECK(f.order() == 2);
  const auto h = impulse(f, 6);
  std::vector<double> y(8, 0.0);  // y[k] = 2a y[k-1] - a^2 y[k-2] + b1 v[k-1] + b2 v[k-2], v = delta[1]
  for (int k = 2; k < 8; ++k) y[static_cast<std::size_t>(k)] = 2 * a * y[static_cast<std::size_t>(k - 1)] - a * a * y[static_cast<std::size_t>(k - 2)] + (k == 2 ? b1 : 0.0) + (k == 3 ? b2 : 0.0);
  for (int k = 0; k < 6; ++k) CHECK(h[static_cast<std::size_t>(k)] == doctest::Approx(y[static_cast<std::size_t>(k + 2)]).epsilon(1e-6));
}

TEST_CASE("DiscreteFilter: tau = 0 is a pure one-step delay with no state") {
  nodes::DiscreteFilter f({1.0}, {1.0}, 0.001);
  CHECK(f.is_pure_delay());
  CHECK(f.order() == 0);
  const auto h = impulse(f, 3);
  CHECK(h == std::vector<double>{1.0, 0.0, 0.0});
}

TEST_CASE("DiscreteFilter: improper or degenerate input is rejected") {
  CHECK_THROWS_AS(nodes::DiscreteFilter({1.0, 0.0}, {1.0}, 0.1), Error);
  CHECK_THROWS_AS(nodes::DiscreteFilter({1.0}, {1.0, 1.0}, 0.0), Error);
}

}  // namespace netsim::test
