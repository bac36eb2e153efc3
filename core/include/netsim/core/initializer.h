#pragma once
// Weight initialisers (Keras names and meanings). A description only: `draw` turns one
// into a (rows x cols) = (post x pre) matrix from a seeded generator.

#include <string>

#include "netsim/core/random.h"
#include "netsim/core/types.h"

namespace netsim {

struct Initializer {
  enum class Kind { glorot_uniform, uniform, normal, orthogonal, zeros, ones, identity };
  Kind kind = Kind::glorot_uniform;
  double a = 0.0;  // uniform: low;  normal: mean;  orthogonal: gain
  double b = 0.0;  // uniform: high; normal: standard deviation

  // "glorot_uniform", "uniform(-1, 1)", ...
  std::string to_string() const;
};

namespace init {
// U(-l, l) with l = sqrt(6 / (fan_in + fan_out)).
Initializer glorot_uniform();
Initializer uniform(double low, double high);
Initializer normal(double mean = 0.0, double stddev = 1.0);
// A (semi-)orthogonal matrix times `gain` (QR of a Gaussian matrix, signs fixed).
Initializer orthogonal(double gain = 1.0);
Initializer zeros();
Initializer ones();
// Ones on the main diagonal (also for rectangular shapes).
Initializer identity();
}  // namespace init

// Draws an initial (rows x cols) matrix. Throws ValidationError on bad parameters
// (uniform with low > high, normal with negative std).
MatrixD draw(const Initializer& init, Index rows, Index cols, Rng& rng);

}  // namespace netsim
