#pragma once
// A connection's transform T, applied before the synapse: v[k] = T * out_pre[k].
// Shape (post x pre), like Nengo. Kinds:
//   identity  sizes must match; holds no weights (never trainable)
//   scalar    s * I
//   diagonal  diag(d), one entry per dimension
//   dense     a full (post x pre) matrix
//   init      a dense matrix drawn by an Initializer when the network is built

#include <string>

#include "netsim/core/initializer.h"
#include "netsim/core/types.h"

namespace netsim {

class Transform {
 public:
  enum class Kind { identity, scalar, diagonal, dense, init };

  Transform() = default;  // identity
  Transform(double scalar);                   // NOLINT(google-explicit-constructor)
  Transform(const Initializer& initializer);  // NOLINT(google-explicit-constructor)
  static Transform identity() { return {}; }
  static Transform diagonal(VectorD values);
  static Transform dense(MatrixD matrix);

  Kind kind() const { return kind_; }
  bool holds_weights() const { return kind_ != Kind::identity; }
  // Elementwise kinds (identity, scalar, diagonal) map dimension i to dimension i.
  bool is_elementwise() const { return kind_ != Kind::dense && kind_ != Kind::init; }

  double scalar_value() const { return scalar_; }
  const VectorD& diagonal_values() const { return diagonal_; }
  const MatrixD& matrix() const { return matrix_; }
  const Initializer& initializer() const { return init_; }

  // Checks this transform can map `pre` dimensions to `post` dimensions; throws
  // ValidationError("<where>: transform: expected ..., got ...") otherwise.
  void check_shape(Index pre, Index post, const std::string& where) const;
  // Number of weights it holds for the given shape (0 for identity).
  Index weight_count(Index pre, Index post) const;
  // The weights as a dense (post x pre) matrix; `rng` is used only by init.
  MatrixD to_matrix(Index pre, Index post, Rng& rng) const;

  // "identity", "scalar 2", "diagonal (3)", "dense 4x3", "glorot_uniform 4x3".
  std::string to_string() const;

 private:
  Kind kind_ = Kind::identity;
  double scalar_ = 1.0;
  VectorD diagonal_;
  MatrixD matrix_;
  Initializer init_;
};

}  // namespace netsim
