#include "netsim/networks/lmu_matrices.h"

#include <unsupported/Eigen/MatrixFunctions>

#include "netsim/core/error.h"

namespace netsim::networks {

std::optional<Discretizer> parse_discretizer(const std::string& name) {
  if (name == "zoh") return Discretizer::zoh;
  if (name == "euler") return Discretizer::euler;
  return std::nullopt;
}

std::string to_string(Discretizer d) { return d == Discretizer::zoh ? "zoh" : "euler"; }

LmuMatrices lmu_continuous(Index order, double theta) {
  if (order < 1) throw ValidationError("lmu: order: expected a positive integer, got " + std::to_string(order));
  if (!(theta > 0.0)) throw ValidationError("lmu: theta: expected a positive number of steps, got " + std::to_string(theta));
  LmuMatrices m{MatrixD(order, order), MatrixD(order, 1)};
  for (Index i = 0; i < order; ++i) {
    const double r = (2.0 * static_cast<double>(i) + 1.0) / theta;
    for (Index j = 0; j < order; ++j) m.a(i, j) = r * (i < j ? -1.0 : ((i - j + 1) % 2 == 0 ? 1.0 : -1.0));
    m.b(i, 0) = r * (i % 2 == 0 ? 1.0 : -1.0);
  }
  return m;
}

LmuMatrices lmu_discrete(Index order, double theta, Discretizer discretizer, double dt) {
  if (!(dt > 0.0)) throw ValidationError("lmu: dt: expected a positive number, got " + std::to_string(dt));
  const LmuMatrices c = lmu_continuous(order, theta);
  if (discretizer == Discretizer::euler) {
    return {MatrixD::Identity(order, order) + dt * c.a, dt * c.b};
  }
  MatrixD augmented = MatrixD::Zero(order + 1, order + 1);
  augmented.topLeftCorner(order, order) = c.a * dt;
  augmented.topRightCorner(order, 1) = c.b * dt;
  const Eigen::MatrixXd e = Eigen::MatrixXd(augmented).exp();
  return {e.topLeftCorner(order, order), e.topRightCorner(order, 1)};
}

}  // namespace netsim::networks
