#pragma once
// The seeded random generator used for parameter initialisation. Bit-for-bit portable:
// it uses only std::mt19937_64 (whose sequence the standard fixes) and its own
// uniform/normal transforms, never std::*_distribution (which differ between libraries).

#include <cstdint>
#include <random>
#include <string>

namespace netsim {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  // A generator for one named object: the same (seed, name) always gives the same stream,
  // and adding an object to a network does not change the others' draws.
  static Rng for_object(std::uint64_t seed, const std::string& name);

  double uniform();                       // [0, 1)
  double uniform(double lo, double hi);   // [lo, hi)
  double normal();                        // mean 0, std 1 (Box-Muller)
  // Uniform integer in [0, n), n >= 1; rejection sampling, so portable across compilers
  // (std::uniform_int_distribution is not).
  std::uint64_t below(std::uint64_t n);

 private:
  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace netsim
