// ensemble: entries of nodes: (docs/neurons.md) and the neuron types they name.
#include "netsim/core/did_you_mean.h"
#include "netsim/core/error.h"
#include "netsim/core/random.h"
#include <tuple>
#include "readers.h"

namespace netsim::config {
namespace {

std::optional<VectorD> read_vector(const YamlValue& value) {
  const auto v = value.numbers();
  if (!v) return std::nullopt;
  return Eigen::Map<const VectorD>(v->data(), static_cast<Index>(v->size()));
}

}  // namespace

std::optional<NeuronType> read_neuron_type(const YamlValue& value) {
  // `lif`, or `{lif: {tau_rc: 0.02, ...}}` (parameters optional: `{lif: {}}`).
  const auto chosen = value.one_of_names(neuron_type_names(), "neuron type", "a neuron type such as lif or {lif: {tau_rc: 0.02, tau_ref: 0.002}}");
  if (!chosen) return std::nullopt;
  const std::string& name = *chosen;
  const YamlValue params = value.is_scalar() ? value : value[name];
  std::optional<NeuronType> type = neuron_type_named(name);
  if (params.is_scalar() || params.is_null()) return type;
  if (!params.is_map()) {
    params.expected("a mapping of the type's parameters");
    return std::nullopt;
  }
  params.check_keys(parameter_names(*type));
  bool ok = true;
  for (const auto& [key, v] : params.entries()) {
    const auto x = v.number();
    if (!x) {
      ok = false;
      continue;
    }
    set_parameter(*type, key, *x);  // check_keys reported the names it has not
  }
  if (!ok) return std::nullopt;
  try {
    check(*type, name);
  } catch (const ValidationError& e) {
    report_core_error(params, e.what(), name, "");
    return std::nullopt;
  }
  return type;
}

bool read_ensemble_options(const YamlValue& v, const std::string& name, const ReadContext& context, networks::EnsembleOptions& o) {
  bool ok = true;
  if (v.has("n_neurons")) {
    if (const auto n = v["n_neurons"].integer(1, kMaxNodeSize)) o.n_neurons = *n; else ok = false;
  }
  if (v.has("dimensions")) {
    if (const auto d = v["dimensions"].integer(1, kMaxNodeSize)) o.dimensions = *d; else ok = false;
  }
  if (v.has("radius")) {
    if (const auto r = v["radius"].number(); r && *r > 0.0) o.radius = *r;
    else {
      if (r) v["radius"].expected("a number > 0");
      ok = false;
    }
  }
  if (v.has("neuron_type")) {
    if (const auto t = read_neuron_type(v["neuron_type"])) o.neuron_type = *t; else ok = false;
  }
  // encoders, eval_points: the values (rows), or a distribution to draw them from.
  auto points = [&](const char* key, MatrixD& given, Distribution& dist) {
    if (!v.has(key)) return;
    const YamlValue p = v[key];
    if (is_distribution(p) || p.is_map()) {  // (a map: a distribution, maybe misspelt)
      if (const auto d = read_distribution(p, o.dimensions)) dist = *d; else ok = false;
    } else if (p.is_list() && p.node().size() > 0 && !p.node()[0].IsSequence()) {  // [0.1, 0.2]: 1-D points
      if (const auto x = read_vector(p)) given = *x; else ok = false;
    } else if (const auto m = p.matrix()) {
      given = *m;
    } else {
      ok = false;
    }
  };
  points("encoders", o.encoders, o.encoder_distribution);
  if (v.has("eval_points") && v["eval_points"].is_map() && v["eval_points"].has("n")) {  // {n: N, dist: DIST}
    const YamlValue e = v["eval_points"];
    e.check_keys({"n", "dist"});
    if (const auto n = e["n"].integer(1, kMaxNodeSize)) o.n_eval_points = *n; else ok = false;
    if (e.has("dist")) {
      if (const auto d = read_distribution(e["dist"], o.dimensions)) o.eval_point_distribution = *d; else ok = false;
    }
  } else {
    points("eval_points", o.eval_points, o.eval_point_distribution);
  }
  if (v.has("n_eval_points")) {
    if (const auto n = v["n_eval_points"].integer(1, kMaxNodeSize)) o.n_eval_points = *n; else ok = false;
  }
  // The ensemble's own seed, else one derived from the file's seed and its name (Nengo
  // derives every object's seed from the network's): changing either changes its tuning.
  o.seed = Rng::for_object(context.seed, name).below(std::uint64_t{1} << 62);
  if (v.has("seed")) {
    if (const auto s = v["seed"].integer(0)) o.seed = static_cast<std::uint64_t>(*s); else ok = false;
  }
  if (v.has("trainable")) {
    if (const auto t = v["trainable"].boolean()) o.trainable = *t; else ok = false;
  }
  if (v.has("noise")) {  // a process added to the currents, one value per neuron
    if (const auto p = read_process(v["noise"])) {
      if (p->second > 0 && p->second != o.n_neurons) {
        v["noise"].expected(std::to_string(o.n_neurons) + " values per step (one per neuron), not " + std::to_string(p->second));
        ok = false;
      } else {
        o.noise = p->first;
      }
    } else {
      ok = false;
    }
  }
  const std::pair<const char*, VectorD*> vectors[] = {{"gain", &o.gain}, {"bias", &o.bias}, {"initial_voltage", &o.initial_voltage}};
  for (const auto& [key, target] : vectors) {
    if (!v.has(key)) continue;
    if (const auto x = read_vector(v[key])) *target = *x; else ok = false;
  }
  // max_rates, intercepts: one value per neuron, or a distribution.
  const std::tuple<const char*, VectorD*, Distribution*> drawn[] = {
      {"max_rates", &o.max_rates, &o.max_rate_distribution}, {"intercepts", &o.intercepts, &o.intercept_distribution}};
  for (const auto& [key, target, dist] : drawn) {
    if (!v.has(key)) continue;
    if (is_distribution(v[key]) || v[key].is_map()) {
      if (const auto d = read_distribution(v[key], 1)) *dist = *d; else ok = false;
    } else if (const auto x = read_vector(v[key])) {
      *target = *x;
    } else {
      ok = false;
    }
  }
  if (v.has("gain") != v.has("bias")) {
    v.error(std::string("expected gain and bias together (or max_rates and intercepts instead), got only ") +
            (v.has("gain") ? "gain" : "bias"));
    ok = false;
  }
  return ok;
}

bool read_ensemble(const std::string& name, const YamlValue& v, ReadContext& context, Network& network) {
  if (!v.is_map()) {
    v.expected("a mapping such as {n_neurons: 50, dimensions: 1, neuron_type: lif}");
    return false;
  }
  v.check_keys({"n_neurons", "dimensions", "radius", "neuron_type", "encoders", "gain", "bias", "max_rates", "intercepts",
                "initial_voltage", "eval_points", "n_eval_points", "seed", "trainable", "noise"});
  if (!v.has("n_neurons")) {
    v.error("expected n_neurons: N");
    return false;
  }
  networks::EnsembleOptions o;
  if (!read_ensemble_options(v, name, context, o)) return false;
  try {
    context.ensembles.emplace(name, networks::ensemble(network, name, o));
  } catch (const ValidationError& e) {
    // "ensemble 'a': encoders: expected ..." -> at the key it names.
    const std::string object = "ensemble '" + name + "'", message = e.what();
    std::string field;
    for (const char* key : {"n_neurons", "dimensions", "radius", "neuron_type", "encoders", "gain", "bias", "max_rates",
                            "intercepts", "initial_voltage", "eval_points", "n_eval_points", "trainable", "noise"}) {
      if (message.rfind(object + ": " + key, 0) == 0) field = key;
    }
    if (field.empty() && message.find(": neuron ") != std::string::npos) field = message.find(": intercept") != std::string::npos ? "intercepts" : "max_rates";
    report_core_error(!field.empty() && v.has(field) ? v[field] : v, message, object, field);
    return false;
  }
  return true;
}

}  // namespace netsim::config
