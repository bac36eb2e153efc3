#pragma once
// A float32 array of any rank, row-major (C order): what .npy files hold once read, and
// what netsim writes to them. Plain and owned; Array3 and Eigen matrices convert to it.

#include <string>
#include <vector>

#include "netsim/core/array3.h"
#include "netsim/core/types.h"

namespace netsim {

struct NdArray {
  std::vector<Index> shape;  // () for a scalar
  std::vector<float> values;

  Index rank() const { return static_cast<Index>(shape.size()); }
  Index element_count() const;  // product of shape (1 for a scalar)
  // "(2, 784, 1)", "(3,)", "()": as NumPy prints shapes.
  std::string shape_string() const;

  static NdArray from(const Array3& a);
  static NdArray from(const Matrix& m);           // (rows, cols)
  static NdArray vector(const std::vector<double>& v);  // (n,)
  // Throws ValidationError("<where>: expected a rank-3 array ..., got ...") unless rank 3.
  Array3 to_array3(const std::string& where) const;
  // Throws ValidationError unless rank 2 (rows, cols).
  MatrixD to_matrix(const std::string& where) const;
};

}  // namespace netsim
