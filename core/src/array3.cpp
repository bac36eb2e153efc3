#include "netsim/core/array3.h"

#include "netsim/core/error.h"

namespace netsim {

Array3::Array3(Index d0, Index d1, Index d2, float fill) : shape_{d0, d1, d2} {
  if (d0 < 0 || d1 < 0 || d2 < 0) {
    throw Error("Array3: expected non-negative dimensions, got " + shape_string());
  }
  data_.assign(static_cast<std::size_t>(d0 * d1 * d2), fill);
}

std::string Array3::shape_string() const {
  return "(" + std::to_string(shape_[0]) + ", " + std::to_string(shape_[1]) + ", " +
         std::to_string(shape_[2]) + ")";
}

}  // namespace netsim
