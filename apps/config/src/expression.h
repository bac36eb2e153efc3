#pragma once
// Formulas of network files (docs/yaml.md, "Expressions"): a decoded connection's
// `function:` and a function node's `function:`, compiled by muParser. One Expressions is
// one or more formulas (one per output value) in named variables (x0 ... x{d-1}, x, t).
//
//   Expressions f({"x0 * x1", "x0 < 0 ? -1 : 1"}, {"x0", "x1"});
//   VectorD y = f(std::vector<double>{0.5, -2.0}.data());
//
// Operators + - * / ^, comparisons, && ||, ? :; functions sin cos tan asin acos atan sinh
// cosh tanh exp log (natural) log2 log10 sqrt abs sign rint min max sum avg; constants pi, e.
// Not thread-safe: a copy compiles its own formulas (copies may run side by side).

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "netsim/core/error.h"
#include "netsim/core/types.h"

namespace mu {
class Parser;
}

namespace netsim::config {

class Expressions {
 public:
  // Throws ValidationError: "expression 'x0*': unexpected end of expression at position 4
  // (the variables are x0, x1)".
  // `aliases` name a variable a second time ({"x", 0}: x is x0).
  using Aliases = std::vector<std::pair<std::string, std::size_t>>;
  Expressions(std::vector<std::string> texts, std::vector<std::string> variables, Aliases aliases = {});
  Expressions(const Expressions& other);
  Expressions& operator=(const Expressions& other);
  Expressions(Expressions&&) noexcept;
  Expressions& operator=(Expressions&&) noexcept;
  ~Expressions();

  Index size() const { return static_cast<Index>(texts_.size()); }
  // The formulas' values for the variables' values (in the order of `variables`).
  VectorD operator()(const double* values) const;
  // "x0 * x1" or "[x0 * x1, x0 < 0 ? -1 : 1]".
  std::string text() const;

 private:
  void compile();

  std::vector<std::string> texts_, variables_;
  Aliases aliases_;
  std::unique_ptr<double[]> values_;  // what the parsers' variables point at
  std::vector<std::unique_ptr<mu::Parser>> parsers_;
};

// The variables of a function of a d-dimensional value: x0 ... x{d-1} (then t when
// `with_time`), and x standing for x0 when d = 1.
std::vector<std::string> vector_variables(Index d, bool with_time);
Expressions::Aliases vector_aliases(Index d);

}  // namespace netsim::config
