#pragma once
// Helpers the neuron records (core/neurons/) share; private to core.

#include <cmath>
#include <string>
#include <string_view>

#include "netsim/core/error.h"

namespace netsim::neurons {

// A number as messages write it: 600, 0.25.
inline std::string number_text(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// x' = s ln(1 + e^(x/s)), written to neither overflow nor lose small values.
inline double softplus(double x, double s) {
  const double z = x / s;
  return s * (z > 0.0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)));
}

inline double logistic(double x) { return x >= 0.0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x)); }

// Throws ValidationError("<where>: max_rate ...") unless max_rate > 0 and intercept < 1.
inline void check_tuning(double max_rate, double intercept, const std::string& where) {
  if (!(max_rate > 0.0) || !std::isfinite(max_rate))
    throw ValidationError(where + ": max_rate: expected a rate > 0, got " + number_text(max_rate));
  if (!(intercept < 1.0) || !std::isfinite(intercept))
    throw ValidationError(where + ": intercept: expected a value < 1, got " + number_text(intercept));
}

// For the types whose rate cannot reach 1/tau_ref.
inline void check_below_ceiling(double max_rate, double tau_ref, const std::string& where, std::string_view type) {
  if (!(max_rate < 1.0 / tau_ref)) {
    throw ValidationError(where + ": max_rate " + number_text(max_rate) + " is not below 1/tau_ref = " +
                          number_text(1.0 / tau_ref) + " (the fastest a " + std::string(type) + " neuron can fire)");
  }
}

}  // namespace netsim::neurons
