// The networks: section (docs/yaml.md, "Networks"): prebuilt subnetworks by kind.
#include "netsim/core/did_you_mean.h"
#include "netsim/core/error.h"
#include "netsim/core/random.h"
#include "netsim/networks/action_selection.h"
#include "netsim/networks/circular_convolution.h"
#include "netsim/networks/input_gated_memory.h"
#include "netsim/networks/integrator.h"
#include "netsim/networks/lmu.h"
#include "readers.h"

namespace netsim::config {

constexpr long long kMaxLmuOrder = 800;

namespace {

// A network that cannot be built: connections and probes at its ports are skipped
// silently (its own error says why).
void fail_ports(ReadContext& context, const std::string& name) {
  for (const char* port : {".input", ".memory", ".hidden", ".output", ".input_a", ".input_b", ".gate", ".reset"})
    context.failed_nodes.insert(name + port);
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

// The values of one NEF network entry (docs/nef.md, "Networks"): typed reads that record
// a diagnostic and remember that something failed.
class NetworkEntry {
 public:
  NetworkEntry(const YamlValue& spec, const std::string& name, ReadContext& context) : spec_(spec), name_(name), context_(context) {}
  void count(const char* key, Index& out, long long min = 1) {
    if (!spec_.has(key)) return;
    if (const auto v = spec_[key].integer(min, kMaxNodeSize)) out = *v; else ok_ = false;
  }
  void number(const char* key, double& out, bool positive = false) {
    if (!spec_.has(key)) return;
    const auto v = spec_[key].number();
    if (v && (!positive || *v > 0.0)) out = *v;
    else {
      if (v) spec_[key].expected("a number > 0");
      ok_ = false;
    }
  }
  void flag(const char* key, bool& out) {
    if (!spec_.has(key)) return;
    if (const auto v = spec_[key].boolean()) out = *v; else ok_ = false;
  }
  // `ensemble:` the ensembles' parameters; `seed:` the network's (else from the file's).
  void ensembles(networks::EnsembleOptions& o, std::uint64_t& seed) {
    if (spec_.has("ensemble")) {
      const YamlValue e = spec_["ensemble"];
      if (!e.is_map()) {
        e.expected("a mapping of ensemble parameters such as {neuron_type: lif_rate, max_rates: {uniform: [100, 200]}}");
        ok_ = false;
      } else {
        e.check_keys({"radius", "neuron_type", "encoders", "max_rates", "intercepts", "eval_points", "n_eval_points", "noise"});
        ok_ = read_ensemble_options(e, name_, context_, o) && ok_;
      }
    }
    seed = Rng::for_object(context_.seed, name_).below(std::uint64_t{1} << 62);
    if (spec_.has("seed")) {
      if (const auto s = spec_["seed"].integer(0)) seed = static_cast<std::uint64_t>(*s); else ok_ = false;
    }
  }
  bool ok() const { return ok_; }

 private:
  const YamlValue& spec_;
  const std::string& name_;
  ReadContext& context_;
  bool ok_ = true;
};

// Its ensembles decode (connections out of them, probes on them), as nodes: entries do.
void register_ensembles(ReadContext& context, const networks::EnsembleArray& array) {
  for (const auto& e : array.ensembles) context.ensembles.emplace(e.name, e);
}

// Builds one NEF network of `kind` (the spec's keys checked); false after a diagnostic.
bool read_nef_network(const std::string& kind, const std::string& name, const YamlValue& spec, ReadContext& context,
                      Network& network) {
  NetworkEntry entry(spec, name, context);
  const std::vector<std::string> common{"kind", "ensemble", "seed"};
  auto keys = [&](std::vector<std::string> own) {
    own.insert(own.end(), common.begin(), common.end());
    spec.check_keys(own);
  };
  if (kind == "ensemble_array") {
    keys({"n_neurons", "n_ensembles", "ens_dimensions", "outputs"});
    networks::EnsembleArrayOptions o;
    entry.count("n_neurons", o.n_neurons);
    entry.count("n_ensembles", o.n_ensembles);
    entry.count("ens_dimensions", o.ens_dimensions);
    entry.ensembles(o.ensemble, o.seed);
    // outputs: {NAME: FUNCTION}: more decoded outputs (Nengo's add_output), nodes NAME.<NAME>.
    std::vector<std::pair<std::string, Expressions>> outputs;
    if (spec.has("outputs")) {
      const YamlValue outs = spec["outputs"];
      if (!outs.is_map()) {
        outs.expected("a mapping of output names to functions, e.g. {square: \"x^2\"}");
        return false;
      }
      for (const auto& [out, f] : outs.entries()) {
        const auto texts = read_expression_texts(f);
        const auto compiled = texts ? compile_expressions(f, *texts, vector_variables(o.ens_dimensions, false),
                                                          vector_aliases(o.ens_dimensions))
                                    : std::nullopt;
        if (!compiled) return false;
        outputs.emplace_back(out, *compiled);
      }
    }
    if (!entry.ok()) return false;
    const auto array = networks::ensemble_array(network, name, o);
    register_ensembles(context, array);
    for (const auto& [out, f] : outputs)
      networks::add_output(network, array, out, {.function = [f = f](const VectorD& x) { return f(x.data()); }});
    return true;
  }
  if (kind == "product") {
    keys({"n_neurons", "dimensions", "input_magnitude"});
    networks::ProductOptions o;
    entry.count("n_neurons", o.n_neurons);
    entry.count("dimensions", o.dimensions);
    entry.number("input_magnitude", o.input_magnitude, true);
    entry.ensembles(o.ensemble, o.seed);
    if (!entry.ok()) return false;
    const auto p = networks::product(network, name, o);
    register_ensembles(context, p.sq1);
    register_ensembles(context, p.sq2);
    return true;
  }
  if (kind == "circular_convolution") {
    keys({"n_neurons", "dimensions", "invert_a", "invert_b", "input_magnitude"});
    networks::CircularConvolutionOptions o;
    entry.count("n_neurons", o.n_neurons);
    entry.count("dimensions", o.dimensions);
    entry.flag("invert_a", o.invert_a);
    entry.flag("invert_b", o.invert_b);
    entry.number("input_magnitude", o.input_magnitude, true);
    entry.ensembles(o.ensemble, o.seed);
    if (!entry.ok()) return false;
    const auto c = networks::circular_convolution(network, name, o);
    register_ensembles(context, c.product.sq1);
    register_ensembles(context, c.product.sq2);
    return true;
  }
  if (kind == "integrator" || kind == "oscillator") {
    networks::RecurrentEnsemblePorts p;
    if (kind == "integrator") {
      keys({"recurrent_tau", "n_neurons", "dimensions"});
      networks::IntegratorOptions o;
      entry.number("recurrent_tau", o.recurrent_tau, true);
      entry.count("n_neurons", o.n_neurons);
      entry.count("dimensions", o.dimensions);
      entry.ensembles(o.ensemble, o.seed);
      if (!entry.ok()) return false;
      p = networks::integrator(network, name, o);
    } else {
      keys({"recurrent_tau", "frequency", "n_neurons"});
      networks::OscillatorOptions o;
      entry.number("recurrent_tau", o.recurrent_tau, true);
      entry.number("frequency", o.frequency);
      entry.count("n_neurons", o.n_neurons);
      entry.ensembles(o.ensemble, o.seed);
      if (!entry.ok()) return false;
      p = networks::oscillator(network, name, o);
    }
    context.ensembles.emplace(p.ensemble.name, p.ensemble);
    context.ports[name + ".output"] = p.ensemble.name;  // the ensemble: connections out of it decode
    return true;
  }
  if (kind == "input_gated_memory") {
    keys({"n_neurons", "dimensions", "feedback", "difference_gain", "recurrent_synapse", "difference_synapse"});
    networks::InputGatedMemoryOptions o;
    entry.count("n_neurons", o.n_neurons);
    entry.count("dimensions", o.dimensions);
    entry.number("feedback", o.feedback);
    entry.number("difference_gain", o.difference_gain);
    entry.number("recurrent_synapse", o.recurrent_synapse, true);
    if (spec.has("difference_synapse")) {
      double d = 0.0;
      entry.number("difference_synapse", d, true);
      o.difference_synapse = d;
    }
    entry.ensembles(o.ensemble, o.seed);
    if (!entry.ok()) return false;
    const auto m = networks::input_gated_memory(network, name, o);
    register_ensembles(context, m.mem);
    register_ensembles(context, m.diff);
    context.ports[name + ".input"] = m.input.name;
    context.ports[name + ".output"] = m.output.name;
    return true;
  }
  if (kind == "basal_ganglia") {
    keys({"dimensions", "n_neurons_per_ensemble", "output_weight", "input_bias", "ampa_synapse", "gaba_synapse"});
    networks::BasalGangliaOptions o;
    entry.count("dimensions", o.dimensions);
    entry.count("n_neurons_per_ensemble", o.n_neurons_per_ensemble);
    entry.number("output_weight", o.output_weight);
    entry.number("input_bias", o.input_bias);
    entry.number("ampa_synapse", o.ampa_synapse, true);
    entry.number("gaba_synapse", o.gaba_synapse, true);
    entry.ensembles(o.ensemble, o.seed);
    if (!entry.ok()) return false;
    const auto bg = networks::basal_ganglia(network, name, o);
    for (const auto* a : {&bg.strD1, &bg.strD2, &bg.stn, &bg.gpi, &bg.gpe}) register_ensembles(context, *a);
    return true;
  }
  if (kind == "thalamus") {
    keys({"dimensions", "n_neurons_per_ensemble", "mutual_inhibition", "threshold"});
    networks::ThalamusOptions o;
    entry.count("dimensions", o.dimensions);
    entry.count("n_neurons_per_ensemble", o.n_neurons_per_ensemble);
    entry.number("mutual_inhibition", o.mutual_inhibition);
    entry.number("threshold", o.threshold);
    entry.ensembles(o.ensemble, o.seed);
    if (!entry.ok()) return false;
    const auto t = networks::thalamus(network, name, o);
    register_ensembles(context, t.actions);
    context.ports[name + ".input"] = t.input.name;
    context.ports[name + ".output"] = t.output.name;
    return true;
  }
  return false;
}

const std::vector<std::string> kNetworkKinds = {"lmu", "ensemble_array", "product", "circular_convolution", "integrator",
                                                "oscillator", "input_gated_memory", "basal_ganglia", "thalamus"};

}  // namespace

void read_networks(const YamlValue& networks, ReadContext& context, Network& network) {
  if (networks.is_null()) return;
  if (!networks.is_map()) {
    networks.expected("a mapping of names to networks, e.g. {lmu: {kind: lmu, order: 256, theta: 784, units: 212}}");
    return;
  }
  std::string kinds;
  for (const auto& k : kNetworkKinds) kinds += (kinds.empty() ? "" : ", ") + k;
  for (const auto& [name, spec] : networks.entries()) {
    const YamlValue kind = spec["kind"];
    if (!spec.is_map()) {
      spec.expected("a mapping such as {kind: lmu, order: 256, theta: 784, units: 212}");
    } else if (kind.is_null()) {
      spec.error("expected kind: one of " + kinds);
    } else if (const auto k = kind.text(); k && std::find(kNetworkKinds.begin(), kNetworkKinds.end(), *k) == kNetworkKinds.end()) {
      kind.error("unknown network kind '" + *k + "'" + did_you_mean(*k, kNetworkKinds) + "; expected one of " + kinds);
    } else if (k && *k == "lmu") {
      read_lmu(name, spec, context, network);
      continue;
    } else if (k) {
      try {
        if (read_nef_network(*k, name, spec, context, network)) continue;
      } catch (const ValidationError& e) {
        // "product 'p': dimensions: ..." -> at the entry, without the repeated object.
        std::string message = e.what();
        const std::string object = *k + " '" + name + "': ";
        if (message.starts_with(object)) message = message.substr(object.size());
        spec.error(message);
      }
    }
    fail_ports(context, name);
  }
}

std::string resolve_port(const ReadContext& context, const std::string& name) {
  const auto it = context.ports.find(name);
  return it == context.ports.end() ? name : it->second;
}

}  // namespace netsim::config
