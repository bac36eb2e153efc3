// Processes in network files (docs/nef.md, "Processes"): the `process:` of a process node
// and an ensemble's `noise:`.
#include "netsim/core/did_you_mean.h"
#include "netsim/core/error.h"
#include "readers.h"

namespace netsim::config {
namespace {

const std::vector<std::string> kProcessNames = {"white_signal", "white_noise", "piecewise", "present_input"};

std::optional<double> positive(const YamlValue& v) {
  const auto x = v.number();
  if (x && *x > 0.0) return x;
  if (x) v.expected("a number > 0");
  return std::nullopt;
}

// A value of `size` numbers (a number stands for one); size 0: any length (sets it).
std::optional<std::vector<double>> read_values(const YamlValue& v) {
  if (v.is_scalar()) {
    const auto x = v.number();
    if (!x) return std::nullopt;
    return std::vector<double>{*x};
  }
  return v.numbers();
}

}  // namespace

std::optional<std::pair<Process, Index>> read_process(const YamlValue& value) {
  const auto chosen = value.one_of_names(kProcessNames, "process", "a process such as {white_signal: {period: 10, high: 5}}");
  if (!chosen) return std::nullopt;
  const std::string& name = *chosen;
  const YamlValue p = value.is_scalar() ? YamlValue(value) : value[name];
  if (!value.is_scalar() && !p.is_null() && !p.is_map()) {
    p.expected("a mapping of the process's parameters");
    return std::nullopt;
  }
  const bool given = !value.is_scalar() && p.is_map();
  if (name == "white_signal") {
    if (!given || !p.has("period") || !p.has("high")) {
      (given ? p : value).error("expected {white_signal: {period: SECONDS, high: HZ}} (rms 0.5 and y0 optional)");
      return std::nullopt;
    }
    p.check_keys({"period", "high", "rms", "y0"});
    WhiteSignal w;
    const auto period = positive(p["period"]), high = positive(p["high"]);
    if (!period || !high) return std::nullopt;
    w.period = *period;
    w.high = *high;
    if (p.has("rms")) {
      const auto r = p["rms"].number();
      if (!r || *r < 0.0) {
        if (r) p["rms"].expected("a number >= 0");
        return std::nullopt;
      }
      w.rms = *r;
    }
    if (p.has("y0")) {
      const auto y = p["y0"].number();
      if (!y) return std::nullopt;
      w.y0 = *y;
    }
    return std::pair{Process{w}, Index{0}};
  }
  if (name == "white_noise") {
    WhiteNoise w;
    if (given) {
      p.check_keys({"dist", "scale"});
      if (p.has("dist")) {
        const auto d = read_distribution(p["dist"], 1);
        if (!d) return std::nullopt;
        if (!std::holds_alternative<Uniform>(*d) && !std::holds_alternative<Gaussian>(*d)) {
          p["dist"].expected("{gaussian: [mean, std]} or {uniform: [low, high]} (drawn for every value, every step)");
          return std::nullopt;
        }
        w.dist = *d;
      }
      if (p.has("scale")) {
        const auto b = p["scale"].boolean();
        if (!b) return std::nullopt;
        w.scale = *b;
      }
    }
    return std::pair{Process{w}, Index{0}};
  }
  if (!given) {
    value.expected(name == "piecewise" ? "{piecewise: {TIME: VALUE, ...}}" : "{present_input: {values: [...], presentation_time: T}}");
    return std::nullopt;
  }
  if (name == "piecewise") {  // {0: 1, 0.5: [0, 1], ...}: Nengo's dict of times
    Piecewise pw;
    std::vector<std::pair<double, std::vector<double>>> pieces;
    for (const auto& [key, v] : p.entries()) {
      double time = 0.0;
      try {
        std::size_t used = 0;
        time = std::stod(key, &used);
        if (used != key.size()) throw std::invalid_argument(key);
      } catch (const std::exception&) {
        v.error("expected a time in seconds as the key, got '" + key + "'");
        return std::nullopt;
      }
      const auto values = read_values(v);
      if (!values) return std::nullopt;
      if (!pieces.empty() && values->size() != pieces.front().second.size()) {
        v.expected(std::to_string(pieces.front().second.size()) + " values, as the first piece");
        return std::nullopt;
      }
      pieces.emplace_back(time, *values);
    }
    if (pieces.empty()) {
      p.expected("at least one TIME: VALUE");
      return std::nullopt;
    }
    std::sort(pieces.begin(), pieces.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    pw.values.resize(static_cast<Index>(pieces.size()), static_cast<Index>(pieces.front().second.size()));
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      if (i > 0 && pieces[i].first == pieces[i - 1].first) {
        p.error("two pieces start at t = " + std::to_string(pieces[i].first));
        return std::nullopt;
      }
      pw.times.push_back(pieces[i].first);
      for (std::size_t j = 0; j < pieces[i].second.size(); ++j) pw.values(static_cast<Index>(i), static_cast<Index>(j)) = pieces[i].second[j];
    }
    const Index size = pw.values.cols();
    return std::pair{Process{pw}, size};
  }
  // present_input
  p.check_keys({"values", "presentation_time"});
  if (!p.has("values") || !p.has("presentation_time")) {
    p.error("expected values: [...] and presentation_time: SECONDS");
    return std::nullopt;
  }
  PresentInput pi;
  const YamlValue values = p["values"];
  if (values.is_list() && values.node().size() > 0 && !values.node()[0].IsSequence()) {
    const auto v = values.numbers();
    if (!v) return std::nullopt;
    pi.inputs = Eigen::Map<const MatrixD>(v->data(), static_cast<Index>(v->size()), 1);
  } else if (const auto m = values.matrix()) {
    pi.inputs = *m;
  } else {
    return std::nullopt;
  }
  const auto time = positive(p["presentation_time"]);
  if (!time) return std::nullopt;
  pi.presentation_time = *time;
  const Index size = pi.inputs.cols();
  return std::pair{Process{pi}, size};
}

}  // namespace netsim::config
