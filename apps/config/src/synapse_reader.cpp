#include "netsim/core/error.h"
#include "readers.h"

namespace netsim::config {
namespace {

std::optional<double> read_tau(const YamlValue& value) {
  const auto tau = value.number();
  if (!tau) return std::nullopt;
  if (*tau < 0.0) {
    value.expected("a time constant tau >= 0 in seconds");
    return std::nullopt;
  }
  return tau;
}

}  // namespace

std::optional<Synapse> read_synapse(const YamlValue& value) {
  constexpr const char* kForms = "none, 0, a time constant tau, {lowpass: tau}, {alpha: tau} or "
                                 "{linear_filter: {num: [...], den: [...]}}";
  if (value.is_null()) return Synapse::none();
  try {
    if (value.is_scalar()) {
      if (value.node().Scalar() == "none") return Synapse::none();
      double probe = 0.0;
      if (!YAML::convert<double>::decode(value.node(), probe)) {
        value.expected(kForms);
        return std::nullopt;
      }
      const auto tau = read_tau(value);
      if (!tau) return std::nullopt;
      return *tau == 0.0 ? Synapse::delay() : Synapse::lowpass(*tau);
    }
    if (!value.is_map() || value.node().size() != 1) {
      value.expected("one of " + std::string(kForms));
      return std::nullopt;
    }
    value.check_keys({"lowpass", "alpha", "linear_filter"});
    if (value.has("lowpass")) {
      const auto tau = read_tau(value["lowpass"]);
      if (!tau) return std::nullopt;
      return *tau == 0.0 ? Synapse::delay() : Synapse::lowpass(*tau);
    }
    if (value.has("alpha")) {
      const auto tau = read_tau(value["alpha"]);
      if (!tau) return std::nullopt;
      return Synapse::alpha(*tau);
    }
    if (value.has("linear_filter")) {
      const YamlValue lf = value["linear_filter"];
      if (!lf.is_map()) {
        lf.expected("{num: [...], den: [...]}");
        return std::nullopt;
      }
      lf.check_keys({"num", "den"});
      const auto num = lf["num"].numbers();
      const auto den = lf["den"].numbers();
      if (!num || !den) return std::nullopt;
      try {
        return Synapse::linear_filter(*num, *den);
      } catch (const ValidationError& e) {
        report_core_error(lf, e.what(), "", "linear_filter");
        return std::nullopt;
      }
    }
  } catch (const ValidationError& e) {
    value.error(e.what());
  }
  return std::nullopt;
}

}  // namespace netsim::config
