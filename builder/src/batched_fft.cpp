#include "batched_fft.h"

#include <cmath>
#include <numbers>

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
  auto bit_reverse = [&](Index i) {
    Index r = 0;
    for (int b = 0; b < bits; ++b) r |= ((i >> b) & 1) << (bits - 1 - b);
    return r;
  };
  mirror_.resize(static_cast<std::size_t>(n));
  for (Index i = 0; i < n; ++i) mirror_[static_cast<std::size_t>(i)] = bit_reverse((n - bit_reverse(i)) % n);
  cos_.resize(static_cast<std::size_t>(n / 2));
  sin_.resize(static_cast<std::size_t>(n / 2));
  for (Index j = 0; j < n / 2; ++j) {
    const double angle = -2.0 * std::numbers::pi * static_cast<double>(j) / static_cast<double>(n);
    cos_[static_cast<std::size_t>(j)] = static_cast<float>(std::cos(angle));
    sin_[static_cast<std::size_t>(j)] = static_cast<float>(std::sin(angle));
  }
}

namespace {

constexpr Index L = BatchedFft::kLanes;
float* at(float* base, Index i) { return base + i * L; }

// x * w for lanes x and the scalar twiddle w.
void rotate(Lanes& xr, Lanes& xi, float wr, float wi) {
  const Lanes r = xr * wr - xi * wi;
  xi = xr * wi + xi * wr;
  xr = r;
}

// The radix-2 stage with half 1 (every twiddle 1), where the stage count is odd.
void radix2_unit_stage(float* re, float* im, Index n) {
  for (Index start = 0; start < n; start += 2) {
    const Lanes ar = load_lanes(at(re, start)), ai = load_lanes(at(im, start));
    const Lanes br = load_lanes(at(re, start + 1)), bi = load_lanes(at(im, start + 1));
    store_lanes(at(re, start), ar + br);
    store_lanes(at(im, start), ai + bi);
    store_lanes(at(re, start + 1), ar - br);
    store_lanes(at(im, start + 1), ai - bi);
  }
}

}  // namespace

void BatchedFft::forward(float* re, float* im) const {
  // Decimation in frequency (Gentleman-Sande): stages of half n/2, n/4, ..., 1, each
  //   a' = a + b,  b' = (a - b) w^(j n / 2 half),
  // two per pass (half 2h, then h); a last lone stage of half 1 when log2 n is odd.
  auto twiddle = [&](Index k, float& wr, float& wi) {
    wr = cos_[static_cast<std::size_t>(k)];
    wi = sin_[static_cast<std::size_t>(k)];
  };
  for (Index h = n_ / 4; h >= 1; h /= 4) {
    const Index s = n_ / (4 * h);
    for (Index start = 0; start < n_; start += 4 * h) {
      for (Index j = 0; j < h; ++j) {
        float w0r, w0i, w1r, w1i, w2r, w2i;
        twiddle(j * s, w0r, w0i);
        twiddle((j + h) * s, w1r, w1i);
        twiddle(2 * j * s, w2r, w2i);
        const Index p0 = start + j, p1 = p0 + h, p2 = p0 + 2 * h, p3 = p0 + 3 * h;
        const Lanes x0r = load_lanes(at(re, p0)), x0i = load_lanes(at(im, p0)), x1r = load_lanes(at(re, p1)), x1i = load_lanes(at(im, p1));
        const Lanes x2r = load_lanes(at(re, p2)), x2i = load_lanes(at(im, p2)), x3r = load_lanes(at(re, p3)), x3i = load_lanes(at(im, p3));
        // Stage half 2h: (p0, p2) and (p1, p3).
        const Lanes y0r = x0r + x2r, y0i = x0i + x2i, y1r = x1r + x3r, y1i = x1i + x3i;
        Lanes y2r = x0r - x2r, y2i = x0i - x2i, y3r = x1r - x3r, y3i = x1i - x3i;
        rotate(y2r, y2i, w0r, w0i);
        rotate(y3r, y3i, w1r, w1i);
        // Stage half h: (p0, p1) and (p2, p3).
        Lanes z1r = y0r - y1r, z1i = y0i - y1i, z3r = y2r - y3r, z3i = y2i - y3i;
        rotate(z1r, z1i, w2r, w2i);
        rotate(z3r, z3i, w2r, w2i);
        store_lanes(at(re, p0), y0r + y1r);
        store_lanes(at(im, p0), y0i + y1i);
        store_lanes(at(re, p1), z1r);
        store_lanes(at(im, p1), z1i);
        store_lanes(at(re, p2), y2r + y3r);
        store_lanes(at(im, p2), y2i + y3i);
        store_lanes(at(re, p3), z3r);
        store_lanes(at(im, p3), z3i);
      }
    }
  }
  if ((bit_count(n_) & 1) != 0) radix2_unit_stage(re, im, n_);
}

void BatchedFft::inverse(float* re, float* im) const {
  // Decimation in time (Cooley-Tukey) on bit-reversed input: stages of half 1, 2, ...,
  // n/2, each  a' = a + w b,  b' = a - w b  with w = conj(w^(j n / 2 half)); a lone
  // first stage of half 1 when log2 n is odd, then two per pass (half h, then 2h).
  auto twiddle = [&](Index k, float& wr, float& wi) {
    wr = cos_[static_cast<std::size_t>(k)];
    wi = -sin_[static_cast<std::size_t>(k)];
  };
  Index half = 1;
  if ((bit_count(n_) & 1) != 0) {
    radix2_unit_stage(re, im, n_);
    half = 2;
  }
  for (; half < n_; half *= 4) {
    const Index s1 = n_ / (2 * half), s2 = n_ / (4 * half);
    for (Index start = 0; start < n_; start += 4 * half) {
      for (Index j = 0; j < half; ++j) {
        float w1r, w1i, w2r, w2i, w3r, w3i;
        twiddle(j * s1, w1r, w1i);
        twiddle(j * s2, w2r, w2i);
        twiddle((j + half) * s2, w3r, w3i);
        const Index p0 = start + j, p1 = p0 + half, p2 = p0 + 2 * half, p3 = p0 + 3 * half;
        const Lanes x0r = load_lanes(at(re, p0)), x0i = load_lanes(at(im, p0));
        const Lanes x2r = load_lanes(at(re, p2)), x2i = load_lanes(at(im, p2));
        Lanes x1r = load_lanes(at(re, p1)), x1i = load_lanes(at(im, p1)), x3r = load_lanes(at(re, p3)), x3i = load_lanes(at(im, p3));
        rotate(x1r, x1i, w1r, w1i);
        rotate(x3r, x3i, w1r, w1i);
        const Lanes b0r = x0r + x1r, b0i = x0i + x1i, b1r = x0r - x1r, b1i = x0i - x1i;
        Lanes b2r = x2r + x3r, b2i = x2i + x3i, b3r = x2r - x3r, b3i = x2i - x3i;
        rotate(b2r, b2i, w2r, w2i);
        rotate(b3r, b3i, w3r, w3i);
        store_lanes(at(re, p0), b0r + b2r);
        store_lanes(at(im, p0), b0i + b2i);
        store_lanes(at(re, p2), b0r - b2r);
        store_lanes(at(im, p2), b0i - b2i);
        store_lanes(at(re, p1), b1r + b3r);
        store_lanes(at(im, p1), b1i + b3i);
        store_lanes(at(re, p3), b1r - b3r);
        store_lanes(at(im, p3), b1i - b3i);
      }
    }
  }
}

}  // namespace netsim::detail
