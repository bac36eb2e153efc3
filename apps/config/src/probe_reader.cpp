#include "netsim/core/did_you_mean.h"
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
  value.check_keys({"target", "synapse", "sample_every", "keep_history", "attr"});
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
  if (value.has("attr")) {
    const YamlValue v = value["attr"];
    const auto attr = v.text();
    if (attr && *attr == "voltage") options.attribute = ProbeAttribute::voltage;
    else if (!attr || *attr != "output") {
      if (attr) v.expected("output or voltage");
      ok = false;
    }
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
    // An ensemble itself: its decoded value, as the C++ API's probe_decoded makes it.
    if (const auto e = context.ensembles.find(target.name); e != context.ensembles.end())
      networks::probe_decoded(network, e->second, options, target.slice);
    else
      network.probe(target, options);
  } catch (const ValidationError& e) {
    const std::string object = "probe '" + name + "'";
    const std::string message = e.what();
    const bool attr = message.find(": attr: ") != std::string::npos;
    const YamlValue& at = message.find(": target") != std::string::npos ? target_value : attr ? value["attr"] : value;
    report_core_error(at, message, object, attr ? "attr" : "");
  }
}

}  // namespace

void read_probes(const YamlValue& probes, ReadContext& context, Network& network) {
  if (probes.is_null()) return;
  for (const auto& [name, value] : probes.entries()) read_probe(name, value, context, network);
}

}  // namespace netsim::config
