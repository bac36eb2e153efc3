#include "netsim/core/initializer.h"

#include <Eigen/QR>
#include <cmath>
#include <sstream>

#include "netsim/core/error.h"

namespace netsim {
namespace init {
Initializer glorot_uniform() { return {Initializer::Kind::glorot_uniform, 0, 0}; }
Initializer uniform(double low, double high) { return {Initializer::Kind::uniform, low, high}; }
Initializer normal(double mean, double stddev) {
  return {Initializer::Kind::normal, mean, stddev};
}
Initializer orthogonal(double gain) { return {Initializer::Kind::orthogonal, gain, 0}; }
Initializer zeros() { return {Initializer::Kind::zeros, 0, 0}; }
Initializer ones() { return {Initializer::Kind::ones, 0, 0}; }
Initializer identity() { return {Initializer::Kind::identity, 0, 0}; }
}  // namespace init

std::string Initializer::to_string() const {
  std::ostringstream s;
  switch (kind) {
    case Kind::glorot_uniform: return "glorot_uniform";
    case Kind::uniform: s << "uniform(" << a << ", " << b << ")"; break;
    case Kind::normal: s << "normal(" << a << ", " << b << ")"; break;
    case Kind::orthogonal: s << "orthogonal(gain=" << a << ")"; break;
    case Kind::zeros: return "zeros";
    case Kind::ones: return "ones";
    case Kind::identity: return "identity";
  }
  return s.str();
}

namespace {

MatrixD orthogonal_matrix(Index rows, Index cols, double gain, Rng& rng) {
  // QR of a Gaussian (max x min) matrix gives orthonormal columns; multiplying each
  // column by sign(R_ii) makes the distribution uniform (Haar), as in Keras.
  const Index big = std::max(rows, cols), small = std::min(rows, cols);
  Eigen::MatrixXd g(big, small);
  for (Index i = 0; i < big; ++i)
    for (Index j = 0; j < small; ++j) g(i, j) = rng.normal();
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(g);
  Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(big, small);
  Eigen::MatrixXd r = qr.matrixQR().topLeftCorner(small, small);
  for (Index j = 0; j < small; ++j)
    if (r(j, j) < 0) q.col(j) *= -1.0;
  MatrixD out = rows >= cols ? MatrixD(q) : MatrixD(q.transpose());
  return gain * out;
}

}  // namespace

MatrixD draw(const Initializer& init, Index rows, Index cols, Rng& rng) {
  using Kind = Initializer::Kind;
  MatrixD w(rows, cols);
  switch (init.kind) {
    case Kind::glorot_uniform: {
      double limit = std::sqrt(6.0 / static_cast<double>(rows + cols));
      for (Index i = 0; i < w.size(); ++i) w.data()[i] = rng.uniform(-limit, limit);
      break;
    }
    case Kind::uniform:
      if (!(init.a <= init.b)) {
        throw ValidationError("uniform(" + std::to_string(init.a) + ", " +
                              std::to_string(init.b) + "): expected low <= high");
      }
      for (Index i = 0; i < w.size(); ++i) w.data()[i] = rng.uniform(init.a, init.b);
      break;
    case Kind::normal:
      if (!(init.b >= 0)) {
        throw ValidationError("normal: expected a standard deviation >= 0, got " +
                              std::to_string(init.b));
      }
      for (Index i = 0; i < w.size(); ++i) w.data()[i] = init.a + init.b * rng.normal();
      break;
    case Kind::orthogonal: w = orthogonal_matrix(rows, cols, init.a, rng); break;
    case Kind::zeros: w.setZero(); break;
    case Kind::ones: w.setOnes(); break;
    case Kind::identity: w.setIdentity(); break;
  }
  return w;
}

}  // namespace netsim
