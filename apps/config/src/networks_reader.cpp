// The networks: section (docs/yaml.md, "Networks"): prebuilt subnetworks by kind.
#include "netsim/core/error.h"
#include "netsim/networks/lmu.h"
#include "readers.h"

namespace netsim::config {

constexpr long long kMaxLmuOrder = 800;

namespace {

// A network that cannot be built: connections and probes at its ports are skipped
// silently (its own error says why).
void fail_ports(ReadContext& context, const std::string& name) {
  for (const char* port : {".input", ".memory", ".hidden"}) context.failed_nodes.insert(name + port);
}

void read_lmu(const std::string& name, const YamlValue& spec, ReadContext& context, Network& network) {
  spec.check_keys({"kind", "input_size", "memory_d", "order", "theta", "units", "hidden_to_memory",
                   "memory_to_memory", "input_to_hidden", "discretizer", "input_encoders", "hidden_encoders",
                   "memory_encoders", "kernel", "recurrent", "trainable_encoders", "trainable_a", "trainable_b"});
  networks::LmuOptions o;
  bool ok = true;
  auto count = [&](const char* key, Index& out, long long min, long long max = 1 << 20) {
    if (!spec.has(key)) return;
    if (const auto v = spec[key].integer(min, max)) out = *v; else ok = false;
  };
  auto flag = [&](const char* key, bool& out) {
    if (!spec.has(key)) return;
    if (const auto v = spec[key].boolean()) out = *v; else ok = false;
  };
  auto initializer = [&](const char* key, Initializer& out) {
    if (!spec.has(key)) return;
    const YamlValue v = spec[key];
    if (!v.is_map() || !v.has("init")) {
      v.expected("an initialiser such as {init: glorot_uniform}");
      ok = false;
      return;
    }
    const auto t = read_transform(v, context);
    if (t && t->kind() == Transform::Kind::init) out = t->initializer(); else ok = false;
  };
  count("input_size", o.input_size, 1);
  count("memory_d", o.memory_d, 1);
  // The memory matrices are order x order, computed here in double precision (a matrix
  // exponential, order^3 work): 800 covers examples/psmnist_ff_lmu.yaml (784); order 1112 passed the fuzzers' 10-s
  // limit under the sanitizers, and more was a way to exhaust
  // memory from a short file (found by the network-file fuzz target: order 112112).
  count("order", o.order, 1, kMaxLmuOrder);
  count("units", o.units, 0);
  if (spec.has("theta")) {
    const YamlValue t = spec["theta"];
    if (const auto v = t.number(); v && *v > 0.0) o.theta = *v;
    else {
      if (v) t.expected("a positive number of steps");
      ok = false;
    }
  }
  flag("hidden_to_memory", o.hidden_to_memory);
  flag("memory_to_memory", o.memory_to_memory);
  flag("input_to_hidden", o.input_to_hidden);
  flag("trainable_encoders", o.trainable_encoders);
  flag("trainable_a", o.trainable_a);
  flag("trainable_b", o.trainable_b);
  if (spec.has("discretizer")) {
    const YamlValue d = spec["discretizer"];
    if (const auto text = d.text()) {
      if (const auto parsed = networks::parse_discretizer(*text)) o.discretizer = *parsed;
      else {
        d.expected("zoh or euler");
        ok = false;
      }
    }
  }
  initializer("input_encoders", o.input_encoders);
  initializer("hidden_encoders", o.hidden_encoders);
  initializer("memory_encoders", o.memory_encoders);
  initializer("kernel", o.kernel);
  initializer("recurrent", o.recurrent);
  if (!ok) {
    fail_ports(context, name);
    return;
  }
  try {
    const networks::LmuPorts ports = networks::lmu(network, name, o);
    context.ports[name + ".input"] = ports.input.name;
    context.ports[name + ".memory"] = ports.memory.name;
    context.ports[name + ".hidden"] = ports.hidden.name;
  } catch (const ValidationError& e) {
    std::string message = e.what();
    const std::string object = "lmu '" + name + "': ";
    if (message.starts_with(object)) message = message.substr(object.size());
    spec.error(message);
    fail_ports(context, name);
  }
}

}  // namespace

void read_networks(const YamlValue& networks, ReadContext& context, Network& network) {
  if (networks.is_null()) return;
  if (!networks.is_map()) {
    networks.expected("a mapping of names to networks, e.g. {lmu: {kind: lmu, order: 256, theta: 784, units: 212}}");
    return;
  }
  for (const auto& [name, spec] : networks.entries()) {
    const YamlValue kind = spec["kind"];
    if (!spec.is_map()) {
      spec.expected("a mapping such as {kind: lmu, order: 256, theta: 784, units: 212}");
    } else if (kind.is_null()) {
      spec.error("expected kind: lmu");
    } else if (const auto k = kind.text(); k && *k != "lmu") {
      kind.expected("lmu (the network kinds netsim builds)");
    } else if (k) {
      read_lmu(name, spec, context, network);
      continue;
    }
    fail_ports(context, name);
  }
}

std::string resolve_port(const ReadContext& context, const std::string& name) {
  const auto it = context.ports.find(name);
  return it == context.ports.end() ? name : it->second;
}

}  // namespace netsim::config
