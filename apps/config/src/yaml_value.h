#pragma once
// A YAML node together with where it came from (file, line, column, key path) and the
// list that collects problems. Every accessor checks the node's type and records a
// located "expected ..., got ..." diagnostic instead of throwing, so one pass over a
// file reports all of its problems.

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "netsim/config/diagnostic.h"
#include "netsim/core/types.h"

namespace netsim::config {

class DiagnosticList {
 public:
  explicit DiagnosticList(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }
  void add(const YAML::Mark& mark, const std::string& path, const std::string& message);
  bool empty() const { return list_.empty(); }
  std::size_t size() const { return list_.size(); }
  // Throws ConfigError holding every diagnostic, if there are any.
  void throw_if_any() const;

 private:
  std::string file_;
  std::vector<Diagnostic> list_;
};

class YamlValue {
 public:
  YamlValue(YAML::Node node, std::string path, YAML::Mark mark, DiagnosticList* diagnostics)
      : node_(std::move(node)), path_(std::move(path)), mark_(mark), diagnostics_(diagnostics) {}
  YamlValue(const YamlValue&) = default;
  // Deleted: assigning a YAML::Node writes into the node it refers to (yaml-cpp's
  // semantics), which would silently rewrite the document. Construct a new value instead.
  YamlValue& operator=(const YamlValue&) = delete;

  const YAML::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  const YAML::Mark& mark() const { return mark_; }
  DiagnosticList& diagnostics() const { return *diagnostics_; }

  bool is_null() const { return !node_ || node_.IsNull(); }
  bool is_scalar() const { return node_ && node_.IsScalar(); }
  bool is_list() const { return node_ && node_.IsSequence(); }
  bool is_map() const { return node_ && node_.IsMap(); }

  // "a list of 3 items", "a mapping", "\"abc\"", "nothing": for "got ..." in messages.
  std::string got() const;
  void error(const std::string& message) const;
  void expected(const std::string& what) const { error("expected " + what + ", got " + got()); }
  // Where this value is, for errors found later (e.g. when a data file named here is read).
  Diagnostic location() const;

  bool has(const std::string& key) const;
  // The value under `key` (a null value at this node's position if absent).
  YamlValue operator[](const std::string& key) const;
  // Records an error for every key not in `allowed`, at the key, with a hint.
  void check_keys(const std::vector<std::string>& allowed) const;
  // `NAME` or `{NAME: ...}` with NAME one of `names` (a neuron type, a distribution, a
  // solver, a process): the name, or nullopt after recording "expected <example>" or
  // "unknown <what> 'x' (did you mean 'y'?); expected one of a, b, c".
  std::optional<std::string> one_of_names(const std::vector<std::string>& names, const std::string& what,
                                          const std::string& example) const;
  // Map entries in file order (the key as text, its value); duplicate keys are errors.
  std::vector<std::pair<std::string, YamlValue>> entries() const;
  std::vector<YamlValue> items() const;  // list items; "expected a list" otherwise

  // Typed reads: std::nullopt (with a recorded error) when the value does not fit.
  std::optional<double> number() const;                      // finite
  std::optional<long long> integer(long long min, long long max = kNoLimit) const;  // in [min, max]
  static constexpr long long kNoLimit = 1LL << 62;
  std::optional<std::string> text() const;                   // any scalar
  std::optional<bool> boolean() const;
  std::optional<std::vector<double>> numbers() const;        // a list of finite numbers
  std::optional<MatrixD> matrix() const;                     // a list of equal-length rows

 private:
  YAML::Node node_;
  std::string path_;
  YAML::Mark mark_;
  DiagnosticList* diagnostics_;
};

}  // namespace netsim::config
