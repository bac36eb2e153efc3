// The LTI convolution's vector FFT (builder/src/batched_fft.h, private to the builder,
// tested here white-box): forward against a direct DFT in bit-reversed bin order, the
// mirror positions, and inverse(forward(x)) = n x, for odd and even stage counts.

#include <doctest/doctest.h>

#include <cmath>
#include <complex>
#include <numbers>

#include "batched_fft.h"
#include "netsim/core/random.h"

namespace netsim::test {

TEST_CASE("batched FFT: forward equals a direct DFT in bit-reversed order, inverse undoes it") {
  constexpr Index L = detail::BatchedFft::kLanes;
  for (const Index n : {Index{2}, Index{4}, Index{8}, Index{32}, Index{128}, Index{512}}) {
    CAPTURE(n);
    const detail::BatchedFft fft(n);
    int bits = 0;
    while ((Index{1} << bits) < n) ++bits;
    auto bit_reverse = [&](Index i) {
      Index r = 0;
      for (int b = 0; b < bits; ++b) r |= ((i >> b) & 1) << (bits - 1 - b);
      return r;
    };
    Rng rng(static_cast<std::uint64_t>(n));
    detail::AlignedFloats re(static_cast<std::size_t>(n * L)), im(re.size());
    for (std::size_t i = 0; i < re.size(); ++i) {
      re[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
      im[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
    }
    const detail::AlignedFloats x_re = re, x_im = im;
    fft.forward(re.data(), im.data());
    double worst = 0.0;
    for (Index l = 0; l < L; ++l)
      for (Index f = 0; f < n; ++f) {
        std::complex<double> sum = 0.0;
        for (Index t = 0; t < n; ++t) {
          const auto i = static_cast<std::size_t>(t * L + l);
          sum += std::complex<double>(x_re[i], x_im[i]) *
                 std::polar(1.0, -2.0 * std::numbers::pi * static_cast<double>(f * t) / static_cast<double>(n));
        }
        const auto at = static_cast<std::size_t>(bit_reverse(f) * L + l);
        worst = std::max(worst, std::abs(sum - std::complex<double>(re[at], im[at])));
        if (l == 0) CHECK(fft.mirror(bit_reverse(f)) == bit_reverse((n - f) % n));
      }
    CHECK(worst < 1e-6 * static_cast<double>(n) * bits + 1e-6);
    fft.inverse(re.data(), im.data());
    double back = 0.0;
    for (std::size_t i = 0; i < re.size(); ++i) {
      back = std::max(back, std::abs(static_cast<double>(re[i]) / static_cast<double>(n) - x_re[i]));
      back = std::max(back, std::abs(static_cast<double>(im[i]) / static_cast<double>(n) - x_im[i]));
    }
    CHECK(back < 1e-5);
  }
}

}  // namespace netsim::test
