#include "netsim/core/did_you_mean.h"
#include "netsim/core/error.h"
#include "readers.h"

namespace netsim::config {
namespace {

std::vector<std::string> node_names(const Network& network, const ReadContext& context) {
  std::vector<std::string> names;
  for (const Node& n : network.nodes()) names.push_back(n.name);
  names.insert(names.end(), context.failed_nodes.begin(), context.failed_nodes.end());
  for (const auto& [port, node] : context.ports) names.push_back(port);
  return names;
}

// "h[0:2]" -> NodeRef, checking the node exists. nullopt if unusable; `silent` is set when
// the node exists but had errors of its own (already reported).
std::optional<NodeRef> read_node_ref(const YamlValue& value, const ReadContext& context,
                                     const Network& network, bool& silent) {
  if (value.is_null()) {
    value.error("expected a node name (missing key)");
    return std::nullopt;
  }
  const auto text = value.text();
  if (!text) return std::nullopt;
  NodeRef ref;
  try {
    ref = NodeRef::parse(*text);
    ref.name = resolve_port(context, ref.name);
  } catch (const ValidationError& e) {
    value.error(e.what());
    return std::nullopt;
  }
  if (context.failed_nodes.count(ref.name)) {
    silent = true;
    return std::nullopt;
  }
  if (!network.find_node(ref.name)) {
    value.error("unknown node '" + ref.name + "'" + did_you_mean(ref.name, node_names(network, context)));
    return std::nullopt;
  }
  return ref;
}

// Which key of the entry a core message is about ("connection 'a->b': transform: ...").
std::string field_of(const std::string& message, const std::string& object) {
  const std::string rest = message.rfind(object + ": ", 0) == 0 ? message.substr(object.size() + 2) : message;
  if (rest.rfind("expected a name", 0) == 0) return "name";
  for (const char* field : {"transform", "trainable", "pre", "post", "name", "decoders", "function", "solver"}) {
    const std::string f(field);
    if (rest.rfind(f + ":", 0) == 0 || rest.rfind(f + " ", 0) == 0) return f;
  }
  return "";
}

// lstsq_l2 | {lstsq_l2: {reg: 0.1, weights: false}} | {lstsq: {rcond: 0.01}} | {nnls: {}} ...
std::optional<networks::Solver> read_solver(const YamlValue& value) {
  const auto chosen = value.one_of_names(networks::solver_kind_names(), "solver",
                                         "a solver such as lstsq_l2 or {lstsq_l2: {reg: 0.1, weights: false}}");
  if (!chosen) return std::nullopt;
  const std::string& name = *chosen;
  const auto kind = networks::solver_kind_named(name);
  networks::Solver solver{.kind = *kind};
  if (value.is_scalar()) return solver;
  const YamlValue params = value[name];
  if (params.is_null()) return solver;
  if (!params.is_map()) {
    params.expected("a mapping of the solver's parameters");
    return std::nullopt;
  }
  std::vector<std::string> keys{"weights"};
  if (*kind == networks::Solver::Kind::lstsq) keys.emplace_back("rcond");
  else if (*kind != networks::Solver::Kind::nnls) keys.emplace_back("reg");
  params.check_keys(keys);
  bool ok = true;
  if (params.has("weights")) {
    if (const auto w = params["weights"].boolean()) solver.weights = *w; else ok = false;
  }
  for (const auto& [key, target] : {std::pair{"reg", &solver.reg}, std::pair{"rcond", &solver.rcond}}) {
    if (!params.has(key)) continue;
    const auto x = params[key].number();
    if (x && *x >= 0.0) *target = *x;
    else {
      if (x) params[key].expected("a number >= 0");
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return solver;
}

void read_connection(const YamlValue& entry, ReadContext& context, Network& network) {
  if (!entry.is_map()) {
    entry.expected("a mapping such as {from: u, to: h}");
    return;
  }
  entry.check_keys({"from", "to", "transform", "synapse", "trainable", "name", "decoders", "function", "solver"});
  bool silent = false;
  const auto pre = read_node_ref(entry["from"], context, network, silent);
  const auto post = read_node_ref(entry["to"], context, network, silent);
  const auto transform = read_transform(entry["transform"], context);
  const auto synapse = read_synapse(entry["synapse"]);
  std::optional<bool> trainable;
  bool ok = true;
  if (entry.has("trainable")) {
    trainable = entry["trainable"].boolean();
    ok = trainable.has_value();
  }
  std::string name;
  if (entry.has("name")) {
    const auto n = entry["name"].text();
    ok = ok && n.has_value();
    if (n) name = *n;
  }
  // Out of an ensemble: decoded, with the given decoders or solved ones (docs/neurons.md).
  const auto ensemble = pre ? context.ensembles.find(pre->name) : context.ensembles.end();
  std::optional<MatrixD> decoders;
  if (entry.has("decoders")) {
    if (ensemble == context.ensembles.end()) {
      if (pre) entry["decoders"].error("only a connection out of an ensemble decodes; '" + pre->name + "' is not an ensemble");
      return;
    }
    decoders = entry["decoders"].matrix();
    if (!decoders) return;
  }
  // function: and solver: (docs/nef.md): decoders solved for f of the picked dimensions.
  networks::Decoding decoding;
  for (const char* key : {"function", "solver"}) {
    if (!entry.has(key)) continue;
    if (ensemble == context.ensembles.end()) {
      if (pre) entry[key].error(std::string("only a connection out of an ensemble decodes a ") + key + "; '" + pre->name +
                                "' is not an ensemble (a function of a node's value is a function node: {size_in: N, function: ...})");
      return;
    }
    if (decoders) {
      entry[key].error(std::string("decoders: are given, so there is nothing to solve: give ") + key + ": or decoders:, not both");
      return;
    }
  }
  if (entry.has("function") && pre) {
    const YamlValue f = entry["function"];
    std::vector<int> picked;
    try {
      picked = pre->slice.resolve(static_cast<int>(ensemble->second.dimensions), "from");
    } catch (const ValidationError& e) {
      entry["from"].error(e.what());
      return;
    }
    const auto k = static_cast<Index>(picked.size());
    const auto texts = read_expression_texts(f);
    if (!texts) return;
    const auto compiled = compile_expressions(f, *texts, vector_variables(k, false), vector_aliases(k));
    if (!compiled) return;
    decoding.function = [expressions = *compiled](const VectorD& x) { return expressions(x.data()); };
  }
  if (entry.has("solver")) {
    const auto solver = read_solver(entry["solver"]);
    if (!solver) return;
    decoding.solver = *solver;
  }
  if (!pre || !post || !transform || !synapse || !ok) return;
  const std::string key = name.empty() ? pre->name + "->" + post->name : name;
  const std::string object = "connection '" + key + "'";
  try {
    const ConnectionOptions options{.transform = *transform, .synapse = *synapse, .trainable = trainable, .name = name};
    const auto to = context.ensembles.find(post->name);
    const Connection& made =
        ensemble == context.ensembles.end() ? network.connect(*pre, *post, options)
        : decoders ? networks::connect_decoded(network, ensemble->second, *post, *decoders, options, pre->slice)
                   : networks::connect_function(network, ensemble->second, *post, decoding, options, pre->slice,
                                                to == context.ensembles.end() ? nullptr : &to->second);
    context.connection_marks.emplace(made.name, entry.mark());
  } catch (const ValidationError& e) {
    const std::string field = field_of(e.what(), object);
    const std::string yaml_key = field == "pre" ? "from" : field == "post" ? "to" : field;
    const YamlValue at = !yaml_key.empty() && entry.has(yaml_key) ? entry[yaml_key] : entry;
    report_core_error(at, e.what(), object, field);
  }
}

}  // namespace

void read_connections(const YamlValue& connections, ReadContext& context, Network& network) {
  if (connections.is_null()) return;  // a network of unconnected nodes is allowed
  for (const YamlValue& entry : connections.items()) read_connection(entry, context, network);
}

}  // namespace netsim::config
