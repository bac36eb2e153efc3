#include "yaml_value.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "netsim/core/did_you_mean.h"

namespace netsim::config {

void DiagnosticList::add(const YAML::Mark& mark, const std::string& path, const std::string& message) {
  // yaml-cpp marks are 0-based (and -1 when unknown); messages are 1-based.
  const int line = mark.line >= 0 ? mark.line + 1 : 0;
  const int column = mark.column >= 0 ? mark.column + 1 : 0;
  list_.push_back({file_, line, column, path, message});
}

void DiagnosticList::throw_if_any() const {
  if (!list_.empty()) throw ConfigError(list_);
}

std::string YamlValue::got() const {
  if (is_null()) return "nothing";
  if (is_list()) return "a list of " + std::to_string(node_.size()) + " item" + (node_.size() == 1 ? "" : "s");
  if (is_map()) return "a mapping";
  std::string s = node_.Scalar();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return "\"" + s + "\"";
}

void YamlValue::error(const std::string& message) const { diagnostics_->add(mark_, path_, message); }

Diagnostic YamlValue::location() const {
  return {diagnostics_->file(), mark_.line >= 0 ? mark_.line + 1 : 0, mark_.column >= 0 ? mark_.column + 1 : 0, path_, ""};
}

bool YamlValue::has(const std::string& key) const {
  const YAML::Node& n = node_;  // the const operator[] never inserts
  return is_map() && n[key];
}

std::optional<std::string> YamlValue::one_of_names(const std::vector<std::string>& names, const std::string& what,
                                                  const std::string& example) const {
  std::string name;
  if (is_scalar()) {
    name = node_.Scalar();
  } else if (is_map() && node_.size() == 1) {
    name = node_.begin()->first.Scalar();
  } else {
    expected(example);
    return std::nullopt;
  }
  if (std::find(names.begin(), names.end(), name) != names.end()) return name;
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  error("unknown " + what + " '" + name + "'" + did_you_mean(name, names) + "; expected one of " + list);
  return std::nullopt;
}

YamlValue YamlValue::operator[](const std::string& key) const {
  const std::string path = path_.empty() ? key : path_ + "." + key;
  if (is_map()) {
    const YAML::Node& n = node_;
    YAML::Node child = n[key];
    if (child) return YamlValue(child, path, child.Mark(), diagnostics_);
  }
  return YamlValue(YAML::Node(), path, mark_, diagnostics_);
}

void YamlValue::check_keys(const std::vector<std::string>& allowed) const {
  if (!is_map()) return;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    const std::string key = it->first.Scalar();
    bool known = false;
    for (const auto& a : allowed) known = known || a == key;
    if (known) continue;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    const std::string path = path_.empty() ? key : path_ + "." + key;
    diagnostics_->add(it->first.Mark(), path,
                      "unknown key" + did_you_mean(key, allowed) + "; expected one of: " + list);
  }
}

std::vector<std::pair<std::string, YamlValue>> YamlValue::entries() const {
  std::vector<std::pair<std::string, YamlValue>> out;
  if (!is_map()) {
    expected("a mapping");
    return out;
  }
  std::set<std::string> seen;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
    const std::string path = path_.empty() ? key : path_ + "." + key;
    if (!it->first.IsScalar()) {
      diagnostics_->add(it->first.Mark(), path_, "expected a name as key, got a " +
                                                     std::string(it->first.IsMap() ? "mapping" : "list"));
      continue;
    }
    if (!seen.insert(key).second) {
      diagnostics_->add(it->first.Mark(), path, "duplicate key; each name may appear once");
      continue;
    }
    out.emplace_back(key, YamlValue(it->second, path, it->second.Mark(), diagnostics_));
  }
  return out;
}

std::vector<YamlValue> YamlValue::items() const {
  std::vector<YamlValue> out;
  if (!is_list()) {
    expected("a list");
    return out;
  }
  for (std::size_t i = 0; i < node_.size(); ++i) {
    const YAML::Node& n = node_;
    out.emplace_back(n[i], path_ + "[" + std::to_string(i) + "]", n[i].Mark(), diagnostics_);
  }
  return out;
}

std::optional<double> YamlValue::number() const {
  double v = 0.0;
  if (!is_scalar() || !YAML::convert<double>::decode(node_, v)) {
    expected("a number");
    return std::nullopt;
  }
  if (!std::isfinite(v)) {
    expected("a finite number");
    return std::nullopt;
  }
  return v;
}

std::optional<long long> YamlValue::integer(long long min, long long max) const {
  std::string what = min == 1 ? "a positive integer" : min == 0 ? "a non-negative integer" : "an integer";
  if (max != kNoLimit) what += " up to " + std::to_string(max);
  long long v = 0;
  double d = 0.0;
  if (is_scalar() && YAML::convert<long long>::decode(node_, v)) {
    // ok
  } else if (is_scalar() && YAML::convert<double>::decode(node_, d) && std::isfinite(d) &&
             d == std::floor(d) && std::abs(d) < 9e15) {
    v = static_cast<long long>(d);  // "784.0"
  } else {
    expected(what);
    return std::nullopt;
  }
  if (v < min || v > max) {
    expected(what);
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> YamlValue::text() const {
  if (!is_scalar()) {
    expected("a text value");
    return std::nullopt;
  }
  return node_.Scalar();
}

std::optional<bool> YamlValue::boolean() const {
  bool v = false;
  if (!is_scalar() || !YAML::convert<bool>::decode(node_, v)) {
    expected("true or false");
    return std::nullopt;
  }
  return v;
}

std::optional<std::vector<double>> YamlValue::numbers() const {
  if (!is_list()) {
    expected("a list of numbers");
    return std::nullopt;
  }
  std::vector<double> out;
  bool ok = true;
  for (const YamlValue& item : items()) {
    const auto v = item.number();
    ok = ok && v.has_value();
    if (v) out.push_back(*v);
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<MatrixD> YamlValue::matrix() const {
  if (!is_list() || node_.size() == 0) {
    expected("a non-empty list of rows, e.g. [[1, 0], [0, 1]]");
    return std::nullopt;
  }
  MatrixD m;
  Index i = 0;
  for (const YamlValue& item : items()) {
    const auto row = item.numbers();
    if (!row) return std::nullopt;
    const auto width = static_cast<Index>(row->size());
    if (i == 0) m.resize(static_cast<Index>(node_.size()), width);
    if (width != m.cols()) {
      item.error("expected " + std::to_string(m.cols()) + " numbers (like row 0), got " + std::to_string(width));
      return std::nullopt;
    }
    m.row(i++) = Eigen::Map<const Eigen::RowVectorXd>(row->data(), width);
  }
  return m;
}

}  // namespace netsim::config
