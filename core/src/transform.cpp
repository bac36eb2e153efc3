#include "netsim/core/transform.h"

#include <cmath>

#include "netsim/core/error.h"

namespace netsim {
namespace {

std::string shape_text(Index rows, Index cols) {
  return std::to_string(rows) + "x" + std::to_string(cols);
}

}  // namespace

Transform::Transform(double scalar) : kind_(Kind::scalar), scalar_(scalar) {}

Transform::Transform(const Initializer& initializer) : kind_(Kind::init), init_(initializer) {}

Transform Transform::diagonal(VectorD values) {
  Transform t;
  t.kind_ = Kind::diagonal;
  t.diagonal_ = std::move(values);
  return t;
}

Transform Transform::dense(MatrixD matrix) {
  Transform t;
  t.kind_ = Kind::dense;
  t.matrix_ = std::move(matrix);
  return t;
}

void Transform::check_shape(Index pre, Index post, const std::string& where) const {
  auto fail = [&](const std::string& expected, const std::string& got) {
    throw ValidationError(where + ": transform: expected " + expected + ", got " + got);
  };
  switch (kind_) {
    case Kind::identity:
    case Kind::scalar:
      if (pre != post) {
        fail("a (post x pre) matrix because the sizes differ (post " + std::to_string(post) +
                 ", pre " + std::to_string(pre) + ")",
             to_string());
      }
      break;
    case Kind::diagonal:
      if (pre != post || diagonal_.size() != pre) {
        fail("a vector of " + std::to_string(pre) + " values for a " + std::to_string(pre) +
                 " -> " + std::to_string(post) + " connection",
             std::to_string(diagonal_.size()) + " values");
      }
      break;
    case Kind::dense:
      if (matrix_.rows() != post || matrix_.cols() != pre) {
        fail(shape_text(post, pre) + " (post x pre)", shape_text(matrix_.rows(), matrix_.cols()));
      }
      break;
    case Kind::init: break;
  }
  auto finite = [](const auto& m) { return m.size() == 0 || m.allFinite(); };
  if (!std::isfinite(scalar_) || !finite(diagonal_) || !finite(matrix_)) {
    fail("finite numbers", "NaN or infinity");
  }
}

Index Transform::weight_count(Index pre, Index post) const {
  switch (kind_) {
    case Kind::identity: return 0;
    case Kind::scalar: return 1;
    case Kind::diagonal: return diagonal_.size();
    case Kind::dense:
    case Kind::init: return pre * post;
  }
  return 0;
}

MatrixD Transform::to_matrix(Index pre, Index post, Rng& rng) const {
  switch (kind_) {
    case Kind::identity: return MatrixD::Identity(post, pre);
    case Kind::scalar: return scalar_ * MatrixD::Identity(post, pre);
    case Kind::diagonal: return MatrixD(diagonal_.asDiagonal());
    case Kind::dense: return matrix_;
    case Kind::init: return draw(init_, post, pre, rng);
  }
  return {};
}

std::string Transform::to_string() const {
  switch (kind_) {
    case Kind::identity: return "identity";
    case Kind::scalar: return "scalar " + std::to_string(scalar_);
    case Kind::diagonal: return "diagonal (" + std::to_string(diagonal_.size()) + ")";
    case Kind::dense: return "dense " + shape_text(matrix_.rows(), matrix_.cols());
    case Kind::init: return init_.to_string();
  }
  return "?";
}

}  // namespace netsim
