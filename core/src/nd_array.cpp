#include "netsim/core/nd_array.h"

#include <algorithm>

#include "netsim/core/error.h"

namespace netsim {

Index NdArray::element_count() const {
  Index n = 1;
  for (Index d : shape) n *= d;
  return n;
}

std::string NdArray::shape_string() const {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

NdArray NdArray::from(const Array3& a) {
  NdArray n;
  n.shape = {a.dim(0), a.dim(1), a.dim(2)};
  n.values.assign(a.data(), a.data() + a.size());
  return n;
}

NdArray NdArray::from(const Matrix& m) {
  NdArray n;
  n.shape = {m.rows(), m.cols()};
  n.values.assign(m.data(), m.data() + m.size());  // Matrix is row-major
  return n;
}

NdArray NdArray::vector(const std::vector<double>& v) {
  NdArray n;
  n.shape = {static_cast<Index>(v.size())};
  n.values.assign(v.begin(), v.end());
  return n;
}

Array3 NdArray::to_array3(const std::string& where) const {
  if (rank() != 3) {
    throw ValidationError(where + ": expected a rank-3 array (batch, steps, size), got shape " +
                          shape_string());
  }
  Array3 a(shape[0], shape[1], shape[2]);
  std::copy(values.begin(), values.end(), a.data());
  return a;
}

MatrixD NdArray::to_matrix(const std::string& where) const {
  if (rank() != 2) {
    throw ValidationError(where + ": expected a 2-D array (rows, columns), got shape " +
                          shape_string());
  }
  MatrixD m(shape[0], shape[1]);
  for (Index i = 0; i < shape[0]; ++i)
    for (Index j = 0; j < shape[1]; ++j) m(i, j) = values[static_cast<std::size_t>(i * shape[1] + j)];
  return m;
}

}  // namespace netsim
