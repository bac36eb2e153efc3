#pragma once
// The command line of one `netsim` subcommand: positional arguments and --options
// (`--steps 10` or `--steps=10`; repeatable ones such as --input keep every value).
// Anything unexpected is a UsageError, which main() reports with exit status 2.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "netsim/core/error.h"

namespace netsim::cli {

// A bad command line: a kind of bad input (exit status 2), as a ValidationError is.
class UsageError : public ValidationError {
 public:
  using ValidationError::ValidationError;
};

struct OptionSpec {
  std::string name;        // without dashes: "steps"
  bool takes_value = true; // false: a flag such as --quiet
  bool repeatable = false;
};

class CommandLine {
 public:
  // args: what follows the subcommand name. Throws UsageError naming the bad argument.
  CommandLine(const std::string& command, const std::vector<std::string>& args,
              const std::vector<OptionSpec>& specs);

  const std::vector<std::string>& positional() const { return positional_; }
  bool flag(const std::string& name) const { return values_.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  std::vector<std::string> values(const std::string& name) const;
  // --name as an integer in [min, max]; throws UsageError("--steps: expected ..., got ...").
  std::optional<long long> integer(const std::string& name, long long min, long long max = 1LL << 62) const;
  // --name as a finite number > 0 (a time constant in seconds); throws UsageError.
  std::optional<double> positive_number(const std::string& name) const;

 private:
  std::string command_;
  std::vector<std::string> positional_;
  std::map<std::string, std::vector<std::string>> values_;
};

}  // namespace netsim::cli
