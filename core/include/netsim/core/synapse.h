#pragma once
// A connection's (or probe's) synapse: decides its delay and filtering. Nengo's timing:
//   none              no delay: post sees T*pre in the same step
//   delay()  ("0")    s[k] = v[k-1]                       (Lowpass with tau = 0)
//   lowpass(tau)      s[k] = a s[k-1] + (1-a) v[k-1],     a = exp(-dt/tau)
//   alpha(tau)        1/(tau s + 1)^2, zero-order hold, one step of delay
//   linear_filter     num(s)/den(s), zero-order hold, one step of delay
// Every synapse other than none delays by exactly one step (docs/semantics.md).

#include <string>
#include <vector>

namespace netsim {

class Synapse {
 public:
  enum class Kind { none, lowpass, alpha, linear_filter };

  Synapse() = default;  // none
  static Synapse none() { return {}; }
  static Synapse delay() { return lowpass(0.0); }
  static Synapse lowpass(double tau);
  static Synapse alpha(double tau);
  // Continuous transfer function num(s)/den(s), coefficients highest power first
  // (as scipy.signal). Must be proper: degree(num) <= degree(den).
  static Synapse linear_filter(std::vector<double> num, std::vector<double> den);

  Kind kind() const { return kind_; }
  bool is_none() const { return kind_ == Kind::none; }
  double tau() const { return tau_; }

  // The continuous transfer function of this synapse (num, den), highest power first.
  // Not defined for none.
  std::vector<double> numerator() const;
  std::vector<double> denominator() const;

  // "none", "0", "lowpass(0.005)", "alpha(0.01)", "linear_filter([1], [1, 1])".
  std::string to_string() const;

 private:
  static Synapse with_tau(Kind kind, double tau, const char* what);

  Kind kind_ = Kind::none;
  double tau_ = 0.0;
  std::vector<double> num_;
  std::vector<double> den_;
};

}  // namespace netsim
