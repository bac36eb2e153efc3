#include "netsim/core/random.h"

#include <cmath>
#include <numbers>

namespace netsim {

Rng Rng::for_object(std::uint64_t seed, const std::string& name) {
  // FNV-1a of the name, mixed with the seed by splitmix64: stable across platforms.
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : name) {
    h ^= c;
    h *= 1099511628211ull;
  }
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ull + h;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return Rng(z ^ (z >> 31));
}

double Rng::uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

std::uint64_t Rng::below(std::uint64_t n) {
  // Reject the top partial block of 2^64 values so that every residue is equally likely.
  const std::uint64_t limit = n == 0 ? 0 : ~std::uint64_t{0} - (~std::uint64_t{0} % n);
  std::uint64_t v = engine_();
  while (v >= limit) v = engine_();
  return v % n;
}

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double u1 = 0.0;
  while (u1 <= 0.0) u1 = uniform();
  double u2 = uniform();
  double r = std::sqrt(-2.0 * std::log(u1));
  double angle = 2.0 * std::numbers::pi * u2;
  spare_ = r * std::sin(angle);
  has_spare_ = true;
  return r * std::cos(angle);
}

}  // namespace netsim
