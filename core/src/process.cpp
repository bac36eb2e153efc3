#include "netsim/core/process.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <vector>

#include <unsupported/Eigen/FFT>

#include "netsim/core/error.h"
#include "netsim/core/overloaded.h"
#include "netsim/core/random.h"

namespace netsim {
namespace {

// One period of a white signal (n steps x size): random Fourier coefficients up to `high`,
// then the inverse real DFT (Eigen's FFT).
MatrixD white_signal(const WhiteSignal& w, Index size, double dt, std::uint64_t seed) {
  const auto half = static_cast<Index>(std::ceil(w.period / dt / 2.0));  // coefficients 0 .. half
  const Index n = 2 * half;
  Rng rng(seed);
  const double sigma = w.rms * std::sqrt(0.5);
  // Frequencies f_j = j / (n dt); those above `high` are zero, and the RMS is restored.
  auto kept = [&](Index j) { return static_cast<double>(j) / (static_cast<double>(n) * dt) <= w.high; };
  Index dropped = 0;
  for (Index j = 1; j <= half; ++j) dropped += kept(j) ? 0 : 1;
  const double power = std::sqrt(std::max(0.0, 1.0 - static_cast<double>(dropped) / static_cast<double>(half)));
  const double gain = (power > 0.0 ? 1.0 / power : 1.0) * std::sqrt(static_cast<double>(n));
  MatrixD signal(n, size);
  Eigen::FFT<double> fft;
  std::vector<std::complex<double>> spectrum(static_cast<std::size_t>(n));
  std::vector<std::complex<double>> values;
  for (Index i = 0; i < size; ++i) {
    std::fill(spectrum.begin(), spectrum.end(), std::complex<double>(0.0, 0.0));
    for (Index j = 1; j <= half; ++j) {
      const double re = rng.normal() * sigma, im = rng.normal() * sigma;  // drawn for every j: `high` does not shift the stream
      if (!kept(j)) continue;
      const std::complex<double> c(re * gain, j == half ? 0.0 : im * gain);  // the Nyquist coefficient is real
      spectrum[static_cast<std::size_t>(j)] = c;
      if (j != half) spectrum[static_cast<std::size_t>(n - j)] = std::conj(c);  // a real signal's spectrum
    }
    fft.inv(values, spectrum);  // scaled by 1/n, as the inverse DFT
    for (Index t = 0; t < n; ++t) signal(t, i) = values[static_cast<std::size_t>(t)].real();
    if (w.y0) {  // start (at step 1) where the dimension is nearest y0
      Index best = 0;
      for (Index t = 1; t < n; ++t)
        if (std::abs(*w.y0 - signal(t, i)) < std::abs(*w.y0 - signal(best, i))) best = t;
      VectorD column = signal.col(i);
      for (Index t = 0; t < n; ++t) signal((t + 1) % n, i) = column[(best + t) % n];
    }
  }
  return signal;
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

std::string to_string(const Process& process) {
  return std::visit(Overloaded{[](const WhiteSignal& w) {
                                 return "white_signal(period " + std::to_string(w.period) + ", high " + std::to_string(w.high) + ")";
                               },
                               [](const WhiteNoise& w) { return "white_noise(" + to_string(w.dist) + ")"; },
                               [](const Piecewise& p) { return "piecewise(" + std::to_string(p.times.size()) + " pieces)"; },
                               [](const PresentInput& p) { return "present_input(" + std::to_string(p.inputs.rows()) + " inputs)"; }},
                    process);
}

void check(const Process& process, Index size, double dt, const std::string& where) {
  if (!(dt > 0.0)) throw ValidationError(where + ": dt: expected a positive step");
  std::visit(Overloaded{
                 [&](const WhiteSignal& w) {
                   if (!(w.period > 0.0) || !std::isfinite(w.period)) throw ValidationError(where + ": period: expected a number > 0");
                   // One period of every dimension is held (doubles): at most 2^25 values.
                   if (w.period / dt * static_cast<double>(size) > static_cast<double>(Index{1} << 25))
                     throw ValidationError(where + ": period: " + std::to_string(w.period) + " s of " + std::to_string(size) +
                                           " values at dt " + std::to_string(dt) + " is more than 2^25 values to hold; " +
                                           "expected a shorter period (the signal repeats after it)");
                   if (!(w.high > 0.0) || w.high > 0.5 / dt + 1e-12)
                     throw ValidationError(where + ": high: expected a frequency in (0, " + std::to_string(0.5 / dt) +
                                           "] Hz (the Nyquist frequency for dt " + std::to_string(dt) + ")");
                   if (!(w.rms >= 0.0) || !std::isfinite(w.rms)) throw ValidationError(where + ": rms: expected a number >= 0");
                 },
                 [&](const WhiteNoise& w) { check(w.dist, size, where + ": dist"); },
                 [&](const Piecewise& p) {
                   if (p.times.empty()) throw ValidationError(where + ": expected at least one time");
                   if (p.values.cols() != size)
                     throw ValidationError(where + ": expected values of " + std::to_string(size) + " (the size), got " +
                                           std::to_string(p.values.cols()));
                   for (std::size_t i = 1; i < p.times.size(); ++i)
                     if (!(p.times[i] > p.times[i - 1])) throw ValidationError(where + ": expected times in ascending order");
                 },
                 [&](const PresentInput& p) {
                   if (p.inputs.rows() == 0) throw ValidationError(where + ": inputs: expected at least one");
                   if (p.inputs.cols() != size)
                     throw ValidationError(where + ": inputs: expected " + std::to_string(size) + " values each (the size), got " +
                                           std::to_string(p.inputs.cols()));
                   if (!(p.presentation_time > 0.0)) throw ValidationError(where + ": presentation_time: expected a number > 0");
                 }},
             process);
}

std::function<VectorD(long)> process_signal(const Process& process, Index size, double dt, std::uint64_t seed) {
  return std::visit(
      Overloaded{[&](const WhiteSignal& w) -> std::function<VectorD(long)> {
                   const MatrixD signal = white_signal(w, size, dt, seed);
                   return [signal](long k) { return VectorD(signal.row(k % signal.rows()).transpose()); };
                 },
                 [&](const WhiteNoise& w) -> std::function<VectorD(long)> {
                   const double scale = w.scale ? 1.0 / std::sqrt(dt) : 1.0;
                   return [dist = w.dist, scale, size, seed](long k) {
                     Rng rng(mix(seed ^ mix(static_cast<std::uint64_t>(k))));
                     return VectorD(sample(dist, 1, size, rng).row(0).transpose() * scale);
                   };
                 },
                 [&](const Piecewise& p) -> std::function<VectorD(long)> {
                   return [p, dt, size](long k) {
                     // The last piece that starts before t + dt/2 (Nengo's zero interpolation).
                     const double t = static_cast<double>(k) * dt;
                     const auto after = std::lower_bound(p.times.begin(), p.times.end(), t + 0.5 * dt);
                     if (after == p.times.begin()) return VectorD(VectorD::Zero(size));
                     return VectorD(p.values.row(after - p.times.begin() - 1).transpose());
                   };
                 },
                 [&](const PresentInput& p) -> std::function<VectorD(long)> {
                   return [p, dt](long k) {
                     const double t = static_cast<double>(k) * dt;
                     const auto i = static_cast<Index>((t - dt) / p.presentation_time + 1e-7);
                     return VectorD(p.inputs.row(i % p.inputs.rows()).transpose());
                   };
                 }},
      process);
}

}  // namespace netsim
