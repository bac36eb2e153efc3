#pragma once
// Distributions of ensemble parameters, as Nengo 4.1 names them (docs/nef.md): encoders,
// max_rates, intercepts and evaluation points are drawn from one, seeded by the ensemble.
//   Uniform{lo, hi}                  uniform in [lo, hi)
//   Gaussian{mean, std}
//   Choice{options}                  one of the options (rows), equally likely
//   UniformHypersphere{surface}      uniform in the unit ball, or on its surface
//   ScatteredHypersphere{surface}    quasi-random in the ball or on the surface (Nengo's
//                                    default for encoders and evaluation points): the
//                                    R_d sequence (Roberts), mapped to the sphere by the
//                                    spherical coordinate transform (Fang and Wang 1994),
//                                    randomly shifted and rotated; covers the sphere
//                                    more evenly than independent draws.
// sample(dist, n, d, rng): n x d values (scalars: d = 1).

#include <variant>

#include "netsim/core/random.h"
#include "netsim/core/types.h"

namespace netsim {

struct Uniform {
  double low = 0.0, high = 1.0;
};
struct Gaussian {
  double mean = 0.0, std = 1.0;
};
struct Choice {
  MatrixD options;  // one per row; columns: the sample's dimensions
};
struct UniformHypersphere {
  bool surface = false;
};
struct ScatteredHypersphere {
  bool surface = false;
};

using Distribution = std::variant<Uniform, Gaussian, Choice, UniformHypersphere, ScatteredHypersphere>;

// Throws ValidationError("<where>: ...") for a bad distribution (high < low, std < 0, no
// options, options of another width than d).
void check(const Distribution& dist, Index d, const std::string& where);
MatrixD sample(const Distribution& dist, Index n, Index d, Rng& rng);
std::string to_string(const Distribution& dist);

}  // namespace netsim
