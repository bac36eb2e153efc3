#include <algorithm>
#include <stdexcept>

#include "netsim/core/error.h"
#include "netsim/core/random.h"
#include "readers.h"

namespace netsim::config {
namespace {

std::optional<MatrixD> read_sequence_rows(const YamlValue& value, const ReadContext& context) {
  if (value.is_map()) {
    const auto a = read_array_file(value, context);
    if (!a) return std::nullopt;
    if (a->rank() == 1) {  // (steps,): one value per step
      MatrixD m(a->shape[0], 1);
      for (Index i = 0; i < m.rows(); ++i) m(i, 0) = a->values[static_cast<std::size_t>(i)];
      return m;
    }
    if (a->rank() != 2) {
      value["file"].error("expected a (steps, size) or (steps,) array, got shape " +
                          a->shape_string());
      return std::nullopt;
    }
    return a->to_matrix(value.path());
  }
  if (value.is_list() && value.node().size() > 0 && !value.node()[0].IsSequence()) {
    const auto v = value.numbers();  // [0.0, 1.0, 0.5]: a size-1 node
    if (!v) return std::nullopt;
    return Eigen::Map<const MatrixD>(v->data(), static_cast<Index>(v->size()), 1);
  }
  return value.matrix();
}

// The YAML keys that introduce a node kind (NodeKindTraits::yaml_key), each once, in the
// table's order: input, constant, sequence, time, size, max_pooling, dropout.
const std::vector<std::string>& kind_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (const NodeKindTraits& t : kNodeKinds)
      if (std::find(k.begin(), k.end(), t.yaml_key) == k.end()) k.emplace_back(t.yaml_key);
    return k;
  }();
  return keys;
}

// "input, constant, ..., max_pooling or dropout"
std::string kind_key_list() {
  const auto& keys = kind_keys();
  std::string text;
  for (std::size_t i = 0; i < keys.size(); ++i)
    text += (i == 0 ? "" : i + 1 == keys.size() ? " or " : ", ") + keys[i];
  return text;
}

// The kind an entry declares by its key; "size" is an activation node when the entry also
// says `activation:`.
NodeKind kind_of(const std::string& key, const YamlValue& value) {
  if (key == traits(NodeKind::activation).yaml_key && value.has("activation"))
    return NodeKind::activation;
  // {size: N, neurons: lif}: neurons as a nonlinearity (gain 1, bias 0), NengoDL style.
  if (key == traits(NodeKind::activation).yaml_key && value.has("neurons")) return NodeKind::neurons;
  // {size_in: N, function: EXPR}: a function of the input; {function: EXPR}: of the time.
  if (key == traits(NodeKind::function).yaml_key) return value.has("size_in") ? NodeKind::function : NodeKind::time_function;
  // {process: ..., size: N}: `size` belongs to the process node, not a passthrough.
  if (value.has(std::string(traits(NodeKind::process).yaml_key))) return NodeKind::process;
  for (const NodeKindTraits& t : kNodeKinds)
    if (t.yaml_key == key) return t.kind;
  throw std::logic_error("kind_of: not a kind key: " + key);
}

// Adds one node; returns false (after recording why) if it could not be added.
bool read_node(const std::string& name, const YamlValue& value, ReadContext& context,
               Network& network) {
  if (!value.is_map()) {
    value.expected("a mapping such as {size: 4, activation: tanh} or {input: 1}");
    return false;
  }
  std::vector<std::string> kinds;
  for (const auto& k : kind_keys())
    if (value.has(k)) kinds.push_back(k);
  if (value.has(std::string(traits(NodeKind::process).yaml_key)))  // {process: ..., size: N}: the process's size
    std::erase(kinds, std::string(traits(NodeKind::passthrough).yaml_key));
  if (kinds.size() != 1) {
    std::vector<std::string> allowed = kind_keys();
    allowed.emplace_back("activation");
    allowed.emplace_back("neurons");
    allowed.emplace_back("size_in");
    allowed.emplace_back("seed");
    value.check_keys(allowed);
    value.error(kinds.empty() ? "expected one of the keys " + kind_key_list()
                              : "expected one of the keys " + kind_key_list() + ", got both " +
                                    kinds[0] + " and " + kinds[1]);
    return false;
  }
  const std::string& key = kinds.front();
  const NodeKind kind = kind_of(key, value);
  value.check_keys(key == traits(NodeKind::activation).yaml_key ? std::vector<std::string>{key, value.has("neurons") ? "neurons" : "activation"}
                   : kind == NodeKind::function                 ? std::vector<std::string>{key, "size_in"}
                   : kind == NodeKind::process                  ? std::vector<std::string>{key, "size", "seed"}
                                                                : std::vector<std::string>{key});
  const YamlValue v = value[key];
  try {
    switch (kind) {
      case NodeKind::input: {
        const auto size = v.integer(1);
        if (!size) return false;
        network.input(name, *size);
        break;
      }
      case NodeKind::constant: {
        std::optional<std::vector<double>> values;
        if (v.is_scalar()) {
          if (const auto x = v.number()) values = std::vector<double>{*x};
        } else {
          values = v.numbers();
        }
        if (!values) return false;
        if (values->empty()) {
          v.expected("at least one number");
          return false;
        }
        network.constant(
            name, Eigen::Map<const VectorD>(values->data(), static_cast<Index>(values->size())));
        break;
      }
      case NodeKind::sequence: {
        const auto rows = read_sequence_rows(v, context);
        if (!rows) return false;
        network.sequence(name, *rows);
        break;
      }
      case NodeKind::time: {
        const auto on = v.boolean();
        if (!on) return false;
        if (!*on) {
          v.expected("true (a node whose output is the time t = k dt)");
          return false;
        }
        network.time(name);
        break;
      }
      case NodeKind::time_function: {
        const auto texts = read_expression_texts(v);
        if (!texts) return false;
        const auto f = compile_expressions(v, *texts, {"t"});
        if (!f) return false;
        network.function(name, f->size(), [f = *f](double t) { return f(&t); }, f->text());
        break;
      }
      case NodeKind::function: {
        const auto size_in = value["size_in"].integer(1, kMaxNodeSize);
        const auto texts = read_expression_texts(v);
        if (!size_in || !texts) return false;
        const auto f = compile_expressions(v, *texts, vector_variables(*size_in, true), vector_aliases(*size_in));
        if (!f) return false;
        const Index n = *size_in;
        network.function(
            name, n, f->size(),
            [f = *f, n](double t, const VectorD& x) {
              VectorD values(n + 1);
              values << x, t;
              return f(values.data());
            },
            f->text());
        break;
      }
      case NodeKind::process: {  // {process: PROCESS, size: N, seed: S}
        const auto process = read_process(v);
        if (!process) return false;
        Index size = process->second > 0 ? process->second : 1;
        if (value.has("size")) {
          const auto s = value["size"].integer(1, kMaxNodeSize);
          if (!s) return false;
          if (process->second > 0 && *s != process->second) {
            value["size"].error("expected " + std::to_string(process->second) + " (the size of the process's values), got " +
                                std::to_string(*s));
            return false;
          }
          size = *s;
        }
        std::uint64_t seed = Rng::for_object(context.seed, name).below(std::uint64_t{1} << 62);
        if (value.has("seed")) {
          const auto s = value["seed"].integer(0);
          if (!s) return false;
          seed = static_cast<std::uint64_t>(*s);
        }
        network.process(name, size, process->first, seed);
        break;
      }
      case NodeKind::dropout: {
        if (!v.is_map()) {
          v.expected("a mapping {size: N, rate: R}");
          return false;
        }
        v.check_keys({"size", "rate"});
        const YamlValue size_value = v["size"], rate_value = v["rate"];
        if (size_value.is_null() || rate_value.is_null()) {
          v.error("expected size: N and rate: R (the fraction dropped in training, 0 <= R < 1)");
          return false;
        }
        const auto size = size_value.integer(1);
        const auto rate = rate_value.number();
        if (!size || !rate) return false;
        if (!(*rate >= 0.0 && *rate < 1.0)) {
          rate_value.expected("a number in [0, 1)");
          return false;
        }
        network.dropout(name, *size, *rate);
        break;
      }
      case NodeKind::max_pooling: {
        const auto spec = read_pooling(v);
        if (!spec) return false;
        network.max_pooling(name, *spec);
        break;
      }
      case NodeKind::passthrough: {
        const auto size = v.integer(1);
        if (!size) return false;
        network.node(name, *size);
        break;
      }
      case NodeKind::neurons:
        if (key == traits(NodeKind::activation).yaml_key) {  // {size: N, neurons: TYPE}
          const auto size = v.integer(1, kMaxNodeSize);
          const auto type = read_neuron_type(value["neurons"]);
          if (!size || !type) return false;
          network.neurons(name, *type, VectorD::Ones(*size), VectorD::Zero(*size));
          return true;
        }
        if (read_ensemble(name, v, context, network)) return true;
        context.failed_nodes.insert(name + ".neurons");  // no follow-on errors about it
        return false;
      case NodeKind::activation: {
        const auto size = v.integer(1);
        if (!size) return false;
        const YamlValue act = value["activation"];
        const auto text = act.text();
        if (!text) return false;
        Activation activation;
        try {
          activation = parse_activation(*text);
        } catch (const ValidationError& e) {
          report_core_error(act, e.what(), "", "activation");
          return false;
        }
        network.node(name, *size, activation);
        break;
      }
    }
  } catch (const ValidationError& e) {
    // Size problems belong to the size; name problems (bad characters) to the node.
    const std::string object = "node '" + name + "'";
    const std::string message = e.what();
    if (message.rfind(object + ": size: ", 0) == 0) {
      report_core_error(v, message.substr(object.size() + 2), object, "size");
    } else {
      report_core_error(value, message, object, "");
    }
    return false;
  }
  return true;
}

}  // namespace

std::optional<std::vector<std::string>> read_expression_texts(const YamlValue& value) {
  if (value.is_scalar()) return std::vector<std::string>{*value.text()};
  if (value.is_list() && value.node().size() > 0) {
    std::vector<std::string> texts;
    for (const YamlValue& item : value.items()) {
      if (!item.is_scalar()) {
        item.expected("an expression such as x0 * x1");
        return std::nullopt;
      }
      texts.push_back(*item.text());
    }
    return texts;
  }
  value.expected("an expression such as sin(2 * pi * t), or a list of them (one per output)");
  return std::nullopt;
}

std::optional<Expressions> compile_expressions(const YamlValue& value, const std::vector<std::string>& texts,
                                               const std::vector<std::string>& variables, const Expressions::Aliases& aliases) {
  try {
    return Expressions(texts, variables, aliases);
  } catch (const ValidationError& e) {
    value.error(e.what());
    return std::nullopt;
  }
}

void read_nodes(const YamlValue& nodes, ReadContext& context, Network& network) {
  if (nodes.is_null()) {
    nodes.error(
        "expected a mapping of nodes (name: {size: N} ...); a network needs at least one node");
    return;
  }
  for (const auto& [name, value] : nodes.entries()) {
    if (!read_node(name, value, context, network)) context.failed_nodes.insert(name);
  }
}

void report_core_error(const YamlValue& value, const std::string& message,
                       const std::string& object, const std::string& field) {
  std::string text = message;
  // Drop the "<object>: " prefix and the "<field>: " that the key path already says.
  const std::string object_prefix = object + ": ";
  if (!object.empty() && text.rfind(object_prefix, 0) == 0)
    text = text.substr(object_prefix.size());
  const std::string field_prefix = field + ": ";
  if (!field.empty() && text.rfind(field_prefix, 0) == 0) text = text.substr(field_prefix.size());
  if (!object.empty() && text == message) {
    value.error(text);
    return;
  }
  value.error(object.empty() ? text : text + " (" + object + ")");
}

}  // namespace netsim::config
