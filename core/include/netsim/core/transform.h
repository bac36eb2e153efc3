#pragma once
// A connection's transform T, applied before the synapse: v[k] = T * out_pre[k].
// Shape (post x pre), like Nengo. Kinds:
//   identity  sizes must match; holds no weights (never trainable)
//   scalar    s * I
//   diagonal  diag(d), one entry per dimension
//   dense     a full (post x pre) matrix
//   init      a dense matrix drawn by an Initializer when the network is built
//   convolution      Nengo's Convolution: a 2-D convolution of a channels-last image
//                    (image_window.h), its kernels drawn by an Initializer (Keras's fans
//                    for glorot_uniform: kh*kw*C in, kh*kw*F out); no bias (add one with a
//                    connection from a constant node, as Nengo does)
//   average_pooling  a fixed average over each window, channel by channel (no weights;
//                    with padding same, the mean of the values inside the image, like
//                    TensorFlow's)

#include <string>

#include "netsim/core/image_window.h"
#include "netsim/core/initializer.h"
#include "netsim/core/types.h"

namespace netsim {

class Transform {
 public:
  enum class Kind { identity, scalar, diagonal, dense, init, convolution, average_pooling };

  Transform() = default;  // identity
  Transform(double scalar);                   // NOLINT(google-explicit-constructor)
  Transform(const Initializer& initializer);  // NOLINT(google-explicit-constructor)
  static Transform identity() { return {}; }
  static Transform diagonal(VectorD values);
  static Transform dense(MatrixD matrix);
  static Transform convolution(ConvolutionSpec spec, const Initializer& kernel_init = init::glorot_uniform());
  static Transform average_pooling(PoolingSpec spec);

  Kind kind() const { return kind_; }
  bool holds_weights() const { return kind_ != Kind::identity && kind_ != Kind::average_pooling; }
  // Elementwise kinds (identity, scalar, diagonal) map dimension i to dimension i.
  bool is_elementwise() const { return kind_ == Kind::identity || kind_ == Kind::scalar || kind_ == Kind::diagonal; }
  // A (post x pre) matrix, given or drawn: the kinds a DotOp applies.
  bool is_matrix() const { return kind_ == Kind::dense || kind_ == Kind::init; }

  double scalar_value() const { return scalar_; }
  const VectorD& diagonal_values() const { return diagonal_; }
  const MatrixD& matrix() const { return matrix_; }
  const Initializer& initializer() const { return init_; }
  const ConvolutionSpec& convolution_spec() const { return convolution_; }
  const PoolingSpec& pooling_spec() const { return pooling_; }

  // Checks this transform can map `pre` dimensions to `post` dimensions; throws
  // ValidationError("<where>: transform: expected ..., got ...") otherwise.
  void check_shape(Index pre, Index post, const std::string& where) const;
  // Number of weights it holds for the given shape (0 for identity).
  Index weight_count(Index pre, Index post) const;
  // The weights as a dense (post x pre) matrix; `rng` is used only by init. For a
  // convolution: its kernels, (filters x patch size) (image_window.h), drawn from `rng`.
  // Not for average_pooling (no weights).
  MatrixD to_matrix(Index pre, Index post, Rng& rng) const;

  // "identity", "scalar 2", "diagonal (3)", "dense 4x3", "glorot_uniform",
  // "conv 5x5 stride 1x1 same, 28x28x1 -> 28x28x32 (glorot_uniform)", "average_pooling 2x2 ...".
  std::string to_string() const;

 private:
  Kind kind_ = Kind::identity;
  double scalar_ = 1.0;
  VectorD diagonal_;
  MatrixD matrix_;
  Initializer init_;
  ConvolutionSpec convolution_;
  PoolingSpec pooling_;
};

}  // namespace netsim
