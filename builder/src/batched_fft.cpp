#include "batched_fft.h"

#include <cmath>
#include <numbers>
#include <utility>

#include "netsim/core/error.h"

namespace netsim::detail {

namespace {

int bit_count(Index n) {  // log2 of a power of two
  int bits = 0;
  while ((Index{1} << bits) < n) ++bits;
  return bits;
}
}  // namespace

Index power_of_two_at_least(Index n) {
  Index p = 2;
  while (p < n) p *= 2;
  return p;
}

BatchedFft::BatchedFft(Index n) : n_(n) {
  if (n < 2 || (n & (n - 1)) != 0) throw Error("BatchedFft: length " + std::to_string(n) + " is not a power of two");
  const int bits = bit_count(n);
  bit_reversed_.resize(static_cast<std::size_t>(n));
  for (Index i = 0; i < n; ++i) {
    Index r = 0;
    for (int b = 0; b < bits; ++b) r |= ((i >> b) & 1) << (bits - 1 - b);
    bit_reversed_[static_cast<std::size_t>(i)] = r;
  }
  cos_.resize(static_cast<std::size_t>(n / 2));
  sin_.resize(static_cast<std::size_t>(n / 2));
  for (Index j = 0; j < n / 2; ++j) {
    const double angle = -2.0 * std::numbers::pi * static_cast<double>(j) / static_cast<double>(n);
    cos_[static_cast<std::size_t>(j)] = static_cast<float>(std::cos(angle));
    sin_[static_cast<std::size_t>(j)] = static_cast<float>(std::sin(angle));
  }
}

void BatchedFft::transform(float* re, float* im, bool inverse) const {
  constexpr Index L = kLanes;
  for (Index i = 0; i < n_; ++i) {
    const Index j = bit_reversed_[static_cast<std::size_t>(i)];
    if (j <= i) continue;
    for (Index l = 0; l < L; ++l) {
      std::swap(re[i * L + l], re[j * L + l]);
      std::swap(im[i * L + l], im[j * L + l]);
    }
  }
  const float sign = inverse ? -1.0f : 1.0f;  // the inverse uses conj(w)
  auto twiddle = [&](Index k, float& wr, float& wi) {
    wr = cos_[static_cast<std::size_t>(k)];
    wi = sign * sin_[static_cast<std::size_t>(k)];
  };
  auto at = [](float* base, Index i) { return base + i * L; };
  Index half = 1;
  if ((bit_count(n_) & 1) != 0) {  // an odd number of stages: one radix-2 stage first
    for (Index start = 0; start < n_; start += 2) {
      const Lanes ar = load_lanes(at(re, start)), ai = load_lanes(at(im, start));
      const Lanes tr = load_lanes(at(re, start + 1)), ti = load_lanes(at(im, start + 1));
      store_lanes(at(re, start + 1), ar - tr);
      store_lanes(at(im, start + 1), ai - ti);
      store_lanes(at(re, start), ar + tr);
      store_lanes(at(im, start), ai + ti);
    }
    half = 2;
  }
  // Two radix-2 stages (half and 2 half) per pass over the data.
  for (; half < n_; half *= 4) {
    const Index s1 = n_ / (2 * half), s2 = n_ / (4 * half);
    for (Index start = 0; start < n_; start += 4 * half) {
      for (Index j = 0; j < half; ++j) {
        float w1r, w1i, w2r, w2i, w3r, w3i;
        twiddle(j * s1, w1r, w1i);
        twiddle(j * s2, w2r, w2i);
        twiddle((j + half) * s2, w3r, w3i);
        const Index p0 = start + j, p1 = p0 + half, p2 = p0 + 2 * half, p3 = p0 + 3 * half;
        const Lanes x0r = load_lanes(at(re, p0)), x0i = load_lanes(at(im, p0)), x1r = load_lanes(at(re, p1)), x1i = load_lanes(at(im, p1));
        const Lanes x2r = load_lanes(at(re, p2)), x2i = load_lanes(at(im, p2)), x3r = load_lanes(at(re, p3)), x3i = load_lanes(at(im, p3));
        Lanes tr = x1r * w1r - x1i * w1i, ti = x1r * w1i + x1i * w1r;
        const Lanes b0r = x0r + tr, b0i = x0i + ti, b1r = x0r - tr, b1i = x0i - ti;
        tr = x3r * w1r - x3i * w1i;
        ti = x3r * w1i + x3i * w1r;
        const Lanes b2r = x2r + tr, b2i = x2i + ti, b3r = x2r - tr, b3i = x2i - ti;
        tr = b2r * w2r - b2i * w2i;
        ti = b2r * w2i + b2i * w2r;
        store_lanes(at(re, p0), b0r + tr);
        store_lanes(at(im, p0), b0i + ti);
        store_lanes(at(re, p2), b0r - tr);
        store_lanes(at(im, p2), b0i - ti);
        tr = b3r * w3r - b3i * w3i;
        ti = b3r * w3i + b3i * w3r;
        store_lanes(at(re, p1), b1r + tr);
        store_lanes(at(im, p1), b1i + ti);
        store_lanes(at(re, p3), b1r - tr);
        store_lanes(at(im, p3), b1i - ti);
      }
    }
  }
}

}  // namespace netsim::detail
