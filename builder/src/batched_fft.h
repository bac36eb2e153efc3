#pragma once
// Complex FFTs of length 2^k on kLanes sequences at once, stored lane-innermost
// ([n][kLanes] real parts, the same for imaginary parts), so every butterfly is one
// vector operation across the lanes. Iterative radix-2 (bit-reversal, then log2 n
// stages); unscaled in both directions. Private to the LTI convolution, where the lanes
// are reader channels: a plain scalar FFT spends most of its time on single complex
// numbers, this one on 16 at a time.

#include <cstring>
#include <vector>

#include "netsim/core/types.h"

namespace netsim::detail {

class BatchedFft {
 public:
  static constexpr Index kLanes = 16;

  // n: a power of two >= 2.
  explicit BatchedFft(Index n);
  Index size() const { return n_; }

  // In place: X[f] = sum_t x[t] exp(-+2 pi i f t / n), '-' forward, '+' inverse.
  void transform(float* re, float* im, bool inverse) const;

 private:
  Index n_;
  std::vector<Index> bit_reversed_;
  std::vector<float> cos_, sin_;  // exp(-2 pi i j / n), j < n / 2
};

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
