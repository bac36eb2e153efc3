#include "netsim/core/synapse.h"

#include <cmath>
#include <sstream>

#include "netsim/core/error.h"

namespace netsim {
namespace {

void check_tau(double tau, const char* kind) {
  if (!(tau >= 0.0) || !std::isfinite(tau)) {
    std::ostringstream s;
    s << kind << ": expected a time constant tau >= 0 (seconds), got " << tau;
    throw ValidationError(s.str());
  }
}

std::string list_text(const std::vector<double>& v) {
  std::ostringstream s;
  s << "[";
  for (std::size_t i = 0; i < v.size(); ++i) s << (i ? ", " : "") << v[i];
  return s.str() + "]";
}

// Drops leading zeros ("0 s^2 + s + 1" is first order).
std::vector<double> trim(std::vector<double> v) {
  std::size_t first = 0;
  while (first + 1 < v.size() && v[first] == 0.0) ++first;
  return {v.begin() + static_cast<long>(first), v.end()};
}

}  // namespace

Synapse Synapse::lowpass(double tau) { return with_tau(Kind::lowpass, tau, "lowpass"); }

Synapse Synapse::alpha(double tau) { return with_tau(Kind::alpha, tau, "alpha"); }

Synapse Synapse::with_tau(Kind kind, double tau, const char* what) {
  check_tau(tau, what);
  Synapse s;
  s.kind_ = kind;
  s.tau_ = tau;
  return s;
}

Synapse Synapse::linear_filter(std::vector<double> num, std::vector<double> den) {
  for (double c : num)
    if (!std::isfinite(c)) throw ValidationError("linear_filter: num: expected finite numbers");
  for (double c : den)
    if (!std::isfinite(c)) throw ValidationError("linear_filter: den: expected finite numbers");
  num = trim(num);
  den = trim(den);
  if (num.empty()) throw ValidationError("linear_filter: num: expected at least one coefficient");
  if (den.empty() || den[0] == 0.0) {
    throw ValidationError("linear_filter: den: expected a non-zero polynomial, got " +
                          list_text(den));
  }
  if (num.size() > den.size()) {
    throw ValidationError("linear_filter: expected a proper filter (degree of num <= degree of "
                          "den), got num " + list_text(num) + " and den " + list_text(den));
  }
  Synapse s;
  s.kind_ = Kind::linear_filter;
  s.num_ = std::move(num);
  s.den_ = std::move(den);
  return s;
}

std::vector<double> Synapse::numerator() const {
  switch (kind_) {
    case Kind::lowpass:
    case Kind::alpha: return {1.0};
    case Kind::linear_filter: return num_;
    case Kind::none: break;
  }
  throw Error("synapse none has no transfer function");
}

std::vector<double> Synapse::denominator() const {
  switch (kind_) {
    case Kind::lowpass: return trim({tau_, 1.0});                    // tau s + 1
    case Kind::alpha: return trim({tau_ * tau_, 2.0 * tau_, 1.0});  // (tau s + 1)^2
    case Kind::linear_filter: return den_;
    case Kind::none: break;
  }
  throw Error("synapse none has no transfer function");
}

std::string Synapse::to_string() const {
  std::ostringstream s;
  switch (kind_) {
    case Kind::none: return "none";
    case Kind::lowpass:
      if (tau_ == 0.0) return "0";
      s << "lowpass(" << tau_ << ")";
      break;
    case Kind::alpha: s << "alpha(" << tau_ << ")"; break;
    case Kind::linear_filter:
      s << "linear_filter(" << list_text(num_) << ", " << list_text(den_) << ")";
      break;
  }
  return s.str();
}

}  // namespace netsim
