#pragma once
// Decoder solvers, as Nengo 4.1 defines them (docs/nef.md): given the neurons' rates A
// (m evaluation points x n neurons) and the targets Y (m x k), the decoders X (n x k) with
// A X ~ Y.
//   lstsq_l2    (A^T A + m s^2 I) X = A^T Y, s = reg * max(A)   (Nengo's default, reg 0.1);
//               with fewer points than neurons, X = A^T (A A^T + m s^2 I)^-1 Y
//   lstsq_l2nz  as lstsq_l2 with one s per neuron: reg * max|A| * sqrt(its fraction of
//               nonzero rates) (a neuron never active gets the largest s)
//   lstsq       least squares by SVD, singular values below rcond * the largest dropped
//   nnls        non-negative least squares (Lawson-Hanson)
//   nnls_l2     non-negative: the regularised normal equations (A^T A + m s^2 I) X = A^T
//               max(Y, 0), s = reg * max(A), solved for X >= 0
//   nnls_l2nz   nnls_l2 with one s per neuron: reg * max(A) * sqrt(nonzero fraction), 1 if 0
// `weights`: the connection gets the full neuron-to-neuron matrix (ensemble.h,
// connect_weights). The Gram matrix is n x n: any neuron count whose n^2 doubles fit.

#include <optional>
#include <string>
#include <vector>

#include "netsim/core/types.h"

namespace netsim::networks {

struct Solver {
  enum class Kind { lstsq_l2, lstsq_l2nz, lstsq, nnls, nnls_l2, nnls_l2nz };
  Kind kind = Kind::lstsq_l2;
  double reg = 0.1;     // the l2 kinds
  double rcond = 0.01;  // lstsq
  bool weights = false;

  // The non-negative kinds solve for the full weights directly when `weights` (Nengo's
  // non-compositional solvers); the others solve decoders that are then combined.
  bool non_negative() const { return kind == Kind::nnls || kind == Kind::nnls_l2 || kind == Kind::nnls_l2nz; }
};

std::string to_string(Solver::Kind kind);
std::optional<Solver::Kind> solver_kind_named(const std::string& name);
const std::vector<std::string>& solver_kind_names();
// Throws ValidationError("<where>: solver: ...") for a negative reg or rcond.
void check(const Solver& solver, const std::string& where);

// X (n x k). A must have at least one nonzero rate (ValidationError naming `where` else).
MatrixD solve(const Solver& solver, const MatrixD& rates, const MatrixD& targets, const std::string& where);

// min |A x - y| subject to x >= 0 (Lawson and Hanson's active-set method).
VectorD nonnegative_least_squares(const MatrixD& a, const VectorD& y);

}  // namespace netsim::networks
