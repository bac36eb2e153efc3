#pragma once
// The Legendre Memory Unit's linear memory (Voelker et al. 2019), as KerasLMU defines it:
//   continuous:  R_i = (2i+1)/theta,  A_ij = R_i * (-1 if i < j else (-1)^(i-j+1)),
//                B_i = R_i * (-1)^i                          (i, j = 0 .. order-1)
//   zoh:    exp([[A, B], [0, 0]] dt) = [[Ad, Bd], [0, 1]]   (the matrix exponential)
//   euler:  Ad = I + dt A,  Bd = dt B
// so that m[k] = Ad m[k-1] + Bd u[k]. theta and dt are in the same unit (steps, with the
// psMNIST seeds' dt = 1). Computed in double precision.

#include <optional>
#include <string>

#include "netsim/core/types.h"

namespace netsim::networks {

enum class Discretizer { zoh, euler };
std::optional<Discretizer> parse_discretizer(const std::string& name);
std::string to_string(Discretizer d);

struct LmuMatrices {
  MatrixD a;  // order x order
  MatrixD b;  // order x 1
};

// Throws ValidationError unless order >= 1 and theta, dt > 0.
LmuMatrices lmu_continuous(Index order, double theta);
LmuMatrices lmu_discrete(Index order, double theta, Discretizer discretizer, double dt = 1.0);

}  // namespace netsim::networks
