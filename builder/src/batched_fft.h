#pragma once
// Complex FFTs of length 2^k on kLanes sequences at once, stored lane-innermost
// ([n][kLanes] real parts, the same for imaginary parts), so every butterfly is one
// vector operation across the lanes. Private to the LTI convolution, where the lanes
// are reader channels: a plain scalar FFT spends most of its time on single complex
// numbers, this one on 16 at a time.
//
// The LTI convolution only multiplies spectra bin by bin, so the spectra never need
// their natural order: `forward` (decimation in frequency) leaves bin f at position
// bit_reverse(f), and `inverse` (decimation in time) takes them from there, so neither
// permutes the data (the permutation took ~40% of a transform). Both run two radix-2
// stages per pass; unscaled.

#include <cstring>
#include <vector>

#include <Eigen/Core>

#include "netsim/core/types.h"

namespace netsim::detail {

class BatchedFft {
 public:
  static constexpr Index kLanes = 16;

  // n: a power of two >= 2.
  explicit BatchedFft(Index n);
  Index size() const { return n_; }

  // In place, x in natural order: X[f] = sum_t x[t] exp(-2 pi i f t / n) at position
  // bit_reverse(f).
  void forward(float* re, float* im) const;
  // In place, X as forward leaves it: x[t] = sum_f X[f] exp(+2 pi i f t / n), natural order.
  void inverse(float* re, float* im) const;
  // The position of bin n - f (mod n), for the bin f at `position`: a real signal's
  // spectrum there is the conjugate.
  Index mirror(Index position) const { return mirror_[static_cast<std::size_t>(position)]; }

 private:
  Index n_;
  std::vector<Index> mirror_;
  std::vector<float> cos_, sin_;  // exp(-2 pi i j / n), j < n / 2
};

// Float buffers for the transforms, 64-byte aligned so no lane load straddles two cache
// lines (a transform on std::vector's 16-byte alignment ran 17% slower).
using AlignedFloats = std::vector<float, Eigen::aligned_allocator<float>>;

// kLanes floats as one GCC vector (one AVX-512 register; split by the compiler elsewhere),
// loaded and stored through memcpy: the float arrays are not 64-byte aligned. Arithmetic
// with a float operand broadcasts it.
typedef float Lanes __attribute__((vector_size(BatchedFft::kLanes * sizeof(float))));
inline Lanes load_lanes(const float* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store_lanes(float* p, const Lanes& v) { std::memcpy(p, &v, sizeof v); }

// Smallest power of two >= n.
Index power_of_two_at_least(Index n);

}  // namespace netsim::detail
