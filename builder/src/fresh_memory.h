#pragma once
// What new simulator memory holds before anything writes it. With NETSIM_POISON_FRESH_MEMORY
// (Debug and sanitizer builds: CMakeLists.txt) every buffer that must be written before it
// is read -- signals set whole each step, gradient signals, recorded history, whole-run
// buffers, kernel and input spectra, scratch -- starts as quiet NaN, so a read of a value
// nobody wrote turns into a non-finite number that the tests see instead of passing for 0.
// Release builds keep what they had (zeros, or Eigen's uninitialised storage).
//
// Memory whose zero is meant -- state before step 1, sums that are added into -- is
// zeroed explicitly, never through these.

#include <algorithm>
#include <limits>
#include <type_traits>
#include <vector>

namespace netsim::detail {

#ifdef NETSIM_POISON_FRESH_MEMORY
inline constexpr bool kPoisonFreshMemory = true;
#else
inline constexpr bool kPoisonFreshMemory = false;
#endif

// The value new elements of a float buffer get: NaN when poisoning, else 0.
template <class T = float>
constexpr T fresh_value() {
  return kPoisonFreshMemory ? std::numeric_limits<T>::quiet_NaN() : T{0};
}

// Grows (or shrinks) `v` to n elements; new ones get fresh_value().
template <class T, class Allocator>
void resize_fresh(std::vector<T, Allocator>& v, std::size_t n) {
  v.resize(n, fresh_value<T>());
}

// An Eigen matrix or a vector of floats just sized: filled with NaN when poisoning.
template <class Buffer>
void poison_fresh(Buffer& buffer) {
  if constexpr (kPoisonFreshMemory)
    std::fill(buffer.data(), buffer.data() + buffer.size(),
              fresh_value<std::remove_reference_t<decltype(*buffer.data())>>());
}

}  // namespace netsim::detail
