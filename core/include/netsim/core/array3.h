#pragma once
// A dense float32 array of rank 3, row-major, e.g. probe data shaped
// (batch, samples, size) or input data shaped (batch, steps, size). It is the exchange
// format with the outside world (and with NumPy dumps later): plain, contiguous, owned.

#include <array>
#include <string>
#include <vector>

#include "netsim/core/types.h"

namespace netsim {

class Array3 {
 public:
  Array3() = default;
  Array3(Index d0, Index d1, Index d2, float fill = 0.0f);

  float& operator()(Index i, Index j, Index k) { return data_[offset(i, j, k)]; }
  float operator()(Index i, Index j, Index k) const { return data_[offset(i, j, k)]; }

  const std::array<Index, 3>& shape() const { return shape_; }
  Index dim(int axis) const { return shape_[static_cast<std::size_t>(axis)]; }
  Index size() const { return static_cast<Index>(data_.size()); }
  float* data() { return data_.data(); }
  const float* data() const { return data_.data(); }

  // "(2, 784, 1)"
  std::string shape_string() const;

 private:
  Index offset(Index i, Index j, Index k) const { return (i * shape_[1] + j) * shape_[2] + k; }

  std::array<Index, 3> shape_{0, 0, 0};
  std::vector<float> data_;
};

}  // namespace netsim
