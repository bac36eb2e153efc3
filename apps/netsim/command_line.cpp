#include "command_line.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "netsim/core/did_you_mean.h"

namespace netsim::cli {

CommandLine::CommandLine(const std::string& command, const std::vector<std::string>& args,
                         const std::vector<OptionSpec>& specs)
    : command_(command) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      if (!arg.empty() && arg[0] == '-' && arg != "-") {
        throw UsageError("netsim " + command + ": unknown option " + arg + " (options are spelt --name)");
      }
      positional_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const OptionSpec* spec = nullptr;
    for (const auto& s : specs)
      if (s.name == name) spec = &s;
    if (!spec) {
      std::vector<std::string> known;
      for (const auto& s : specs) known.push_back("--" + s.name);
      throw UsageError("netsim " + command + ": unknown option --" + name +
                       did_you_mean("--" + name, known) + " (see netsim " + command + " --help)");
    }
    if (!spec->repeatable && values_.count(name)) throw UsageError("netsim " + command + ": --" + name + " given twice");
    if (!spec->takes_value) {
      if (inline_value) throw UsageError("netsim " + command + ": --" + name + " takes no value");
      values_[name].push_back("");
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) throw UsageError("netsim " + command + ": --" + name + ": expected a value");
      inline_value = args[++i];
    }
    values_[name].push_back(*inline_value);
  }
}

std::optional<std::string> CommandLine::value(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> CommandLine::values(const std::string& name) const {
  const auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::optional<long long> CommandLine::integer(const std::string& name, long long min, long long max) const {
  const auto text = value(name);
  if (!text) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || errno != 0 || v < min || v > max) {
    const std::string range = max == (1LL << 62) ? ">= " + std::to_string(min)
                                                 : "from " + std::to_string(min) + " to " + std::to_string(max);
    throw UsageError("netsim " + command_ + ": --" + name + ": expected an integer " + range + ", got \"" + *text + "\"");
  }
  return v;
}

std::optional<double> CommandLine::positive_number(const std::string& name) const {
  const auto text = value(name);
  if (!text) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text->c_str(), &end);
  if (end == text->c_str() || *end != '\0' || !(v > 0.0) || !std::isfinite(v)) {
    throw UsageError("netsim " + command_ + ": --" + name + ": expected a number > 0 (seconds), got \"" + *text + "\"");
  }
  return v;
}

}  // namespace netsim::cli
