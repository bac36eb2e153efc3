#include "did_you_mean.h"
#include "netsim/core/error.h"
#include "readers.h"

namespace netsim::config {
namespace {

void read_probe(const std::string& name, const YamlValue& value, ReadContext& context, Network& network) {
  // `p: out` is short for `p: {target: out}`.
  const YamlValue target_value = value.is_scalar() ? value : value["target"];
  if (!value.is_scalar() && !value.is_map()) {
    value.expected("a node name or a mapping such as {target: out, synapse: 0.01}");
    return;
  }
  value.check_keys({"target", "synapse", "sample_every", "keep_history"});
  if (target_value.is_null()) {
    value.error("expected a target node (missing key target)");
    return;
  }
  ProbeOptions options{.name = name};
  bool ok = true;
  if (value.has("synapse")) {
    const auto s = read_synapse(value["synapse"]);
    ok = s.has_value();
    if (s) options.synapse = *s;
  }
  if (value.has("sample_every")) {
    const YamlValue v = value["sample_every"];
    const auto every = v.number();
    ok = ok && every.has_value();
    if (every && *every <= 0.0) {
      v.expected("a positive time in seconds");
      ok = false;
    }
    options.sample_every = every;
  }
  if (value.has("keep_history")) {
    const auto keep = value["keep_history"].boolean();
    ok = ok && keep.has_value();
    if (keep) options.keep_history = *keep;
  }
  const auto target_text = target_value.text();
  if (!target_text) return;
  NodeRef target;
  try {
    target = NodeRef::parse(*target_text);
    target.name = resolve_port(context, target.name);
  } catch (const ValidationError& e) {
    target_value.error(e.what());
    return;
  }
  if (context.failed_nodes.count(target.name)) return;
  if (!network.find_node(target.name)) {
    std::vector<std::string> names;
    for (const Node& n : network.nodes()) names.push_back(n.name);
    for (const auto& [port, node] : context.ports) names.push_back(port);
    target_value.error("unknown node '" + target.name + "'" + did_you_mean(target.name, names));
    return;
  }
  if (!ok) return;
  try {
    network.probe(target, options);
  } catch (const ValidationError& e) {
    const std::string object = "probe '" + name + "'";
    const std::string message = e.what();
    report_core_error(message.find(": target") != std::string::npos ? target_value : value, message, object, "");
  }
}

}  // namespace

void read_probes(const YamlValue& probes, ReadContext& context, Network& network) {
  if (probes.is_null()) return;
  for (const auto& [name, value] : probes.entries()) read_probe(name, value, context, network);
}

}  // namespace netsim::config
