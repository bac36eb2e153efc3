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

Transform Transform::convolution(ConvolutionSpec spec, const Initializer& kernel_init) {
  Transform t;
  t.kind_ = Kind::convolution;
  t.convolution_ = spec;
  t.init_ = kernel_init;
  return t;
}

Transform Transform::average_pooling(PoolingSpec spec) {
  Transform t;
  t.kind_ = Kind::average_pooling;
  t.pooling_ = spec;
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
    case Kind::convolution:
    case Kind::average_pooling: {
      const ImageShape in = kind_ == Kind::convolution ? convolution_.input : pooling_.input;
      const ImageShape out = kind_ == Kind::convolution ? convolution_.output() : pooling_.output();
      if (kind_ == Kind::convolution) convolution_.check(where + ": transform");
      else pooling_.check(where + ": transform");
      if (in.size() != pre) {
        fail("an input of " + std::to_string(in.size()) + " values (" + in.to_string() + ")",
             "a pre of " + std::to_string(pre));
      }
      if (out.size() != post) {
        fail("a post of " + std::to_string(out.size()) + " values (" + out.to_string() + ")",
             "a post of " + std::to_string(post));
      }
      break;
    }
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
    case Kind::convolution: return convolution_.filters * convolution_.patch_size();
    case Kind::average_pooling: return 0;
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
    case Kind::convolution: {
      const ConvolutionSpec& c = convolution_;
      if (init_.kind != Initializer::Kind::glorot_uniform) return draw(init_, c.filters, c.patch_size(), rng);
      // Keras's fans for a kernel: receptive field times input / output channels.
      const double area = static_cast<double>(c.window.height * c.window.width);
      const double limit = std::sqrt(6.0 / (area * static_cast<double>(c.input.channels + c.filters)));
      return draw(init::uniform(-limit, limit), c.filters, c.patch_size(), rng);
    }
    case Kind::average_pooling: break;
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
    case Kind::convolution: return convolution_.to_string() + " (" + init_.to_string() + ")";
    case Kind::average_pooling: return "average_pooling " + pooling_.to_string();
  }
  return "?";
}

}  // namespace netsim
