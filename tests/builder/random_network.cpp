#include "builder/random_network.h"

#include <cstdio>
#include <optional>
#include <sstream>
#include <vector>

#include <netsim/core/image_window.h>
#include <netsim/core/neuron_type.h>
#include <netsim/core/node_kind.h>
#include <netsim/core/random.h>

namespace netsim::test {
namespace {

struct GenNode {
  std::string name;
  NodeKind kind;
  Index in = 0, out = 0;
  bool lti_memory = false;  // an LTI-memory motif's m: gets only the motif's connections
  bool decoded = false;     // an ensemble's value: connections out of it decode (fixed transforms only)
};

// A chosen slice: its YAML text ("[1:3]", "" for everything) and how many values it selects.
struct Sel {
  std::string text;
  Index length = 0;
};

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(Rng::for_object(seed, "random_network")) {}

  GeneratedNetwork generate(std::uint64_t seed) {
    GeneratedNetwork g;
    g.seed = seed;
    g.steps = between(4, 12);
    g.minibatch = between(2, 5);
    g.training = chance(0.5);
    g.rate_twins = chance(0.5);
    if (g.rate_twins && chance(0.5)) {
      g.lif_smoothing = 0.05;
      g.lif_exact_forward = chance(0.5);
    }

    make_sources();
    const Index hidden = between(2, 6);
    const std::size_t first_hidden = nodes_.size();
    const bool motif = chance(0.6);
    const std::size_t motif_at = first_hidden + static_cast<std::size_t>(between(0, hidden - 2));  // readers follow
    bool motif_added = false;  // (an ensemble adds two nodes: the motif may be passed by one)
    for (Index h = 0; h < hidden; ++h) {
      if (motif && !motif_added && nodes_.size() >= motif_at) {
        add_lti_memory();
        motif_added = true;
      }
      add_hidden_node();
    }
    for (std::size_t j = first_hidden; j < nodes_.size(); ++j) {
      if (nodes_[j].lti_memory) continue;
      // Now and then a node with an input of its own fed by one whole identity connection
      // without synapse (the identity_inputs rewrite's shape, unless a feedback or parallel
      // connection below spoils it).
      const bool identity_fed = traits(nodes_[j].kind).input_apart && chance(0.3) && identity_input(j);
      const Index n_in = identity_fed ? 0 : between(chance(0.9) ? 1 : 0, 2);  // now and then a node nothing feeds
      for (Index i = 0; i < n_in; ++i) {
        std::size_t pre = static_cast<std::size_t>(rng_.below(j));
        if (nodes_[pre].lti_memory && chance(0.8)) pre = static_cast<std::size_t>(rng_.below(pre));  // mostly spare m
        connect(pre, j, chance(0.6) ? "" : random_synapse(true));
      }
      if (chance(0.35)) {  // feedback (self included): needs a synapse
        const std::size_t pre = j + static_cast<std::size_t>(rng_.below(nodes_.size() - j));
        if (!nodes_[pre].lti_memory || chance(0.2)) connect(pre, j, random_synapse(false), true);
      }
    }
    const std::size_t main_end =
        nodes_.size();  // the nodes above; what follows adds motif inputs and branches
    if (motif_added) wire_lti_memory(first_hidden, main_end);
    for (std::size_t j = first_hidden; j + 1 < main_end; ++j) {
      // Wide nodes reach a later node through a dense product: the time_batched_gemm
      // rewrite's shape, whether or not the wide node is really known ahead.
      if (nodes_[j].out >= 32)
        connect(j, j + 1 + static_cast<std::size_t>(rng_.below(main_end - j - 1)), "", false,
                "init");
    }
    for (Index p = between(0, 2); p > 0 && !edges_.empty(); --p) {  // parallel connections
      const auto [pre, post] = edges_[rng_.below(edges_.size())];
      connect(pre, post, pre < post && chance(0.5) ? "" : random_synapse(false), pre >= post);
    }
    add_branches(first_hidden, motif_added);
    make_probes(first_hidden, main_end - 1);

    std::ostringstream y;
    y << "# random network " << seed << " (tests/builder/random_network.cpp)\nnetsim: 1\nname: random_" << seed
      << "\nseed: " << seed % 1000 << "\ndt: 0.01\nnodes:\n"
      << nodes_text_.str() << (networks_text_.str().empty() ? "" : "networks:\n" + networks_text_.str()) << "connections:\n"
      << connections_text_.str() << "probes:\n" << probes_text_.str()
      << "run: {steps: " << g.steps << ", minibatch: " << g.minibatch << "}\n";
    g.yaml = y.str();
    g.spiking = spiking_;
    g.neuron_state_gradient = neuron_state_gradient_;
    g.no_gradient_node = no_gradient_node_;
    g.nef_networks = nef_networks_;
    for (const GenNode& n : nodes_)
      if (n.kind == NodeKind::input) g.inputs[n.name] = n.out;
    return g;
  }

 private:
  bool chance(double p) { return rng_.uniform() < p; }
  Index between(Index lo, Index hi) { return lo + static_cast<Index>(rng_.below(static_cast<std::uint64_t>(hi - lo + 1))); }
  double value(double lo, double hi) { return rng_.uniform(lo, hi); }
  static std::string num(double x) {
    char b[32];
    std::snprintf(b, sizeof b, "%.4g", x);
    return b;
  }
  std::string numbers(Index n, double lo, double hi) {
    std::string s = "[";
    for (Index i = 0; i < n; ++i) s += (i ? ", " : "") + num(value(lo, hi));
    return s + "]";
  }
  std::string matrix(Index rows, Index cols, double lo, double hi) {
    std::string s = "[";
    for (Index r = 0; r < rows; ++r) s += (r ? ", " : "") + numbers(cols, lo, hi);
    return s + "]";
  }

  // A formula in x0 ... x{n-1} (and t): what function nodes and decoded functions compute.
  std::string expression_of(Index n, bool with_time) {
    const std::string a = "x" + std::to_string(between(0, n - 1)), b = "x" + std::to_string(between(0, n - 1));
    switch (rng_.below(with_time ? 5 : 4)) {
      case 0: return "tanh(" + a + " + " + b + ")";
      case 1: return a + " * " + b;
      case 2: return a + " > 0 ? " + a + " : 0.1 * " + a;
      case 3: return "sin(2 * " + a + ") - " + b + "^2";
      default: return "abs(" + a + ") - t";
    }
  }

  // Biases in [-1, 1.5), the first above every type's threshold: some neuron fires at some
  // evaluation point, so decoders can be solved (else a located error, as in Nengo).
  std::string biases(Index n) {
    std::string s = "[" + num(value(1.2, 1.5));
    for (Index i = 1; i < n; ++i) s += ", " + num(value(-1.0, 1.5));
    return s + "]";
  }

  std::size_t add(GenNode n, const std::string& yaml) {
    nodes_text_ << "  " << n.name << ": " << yaml << "\n";
    nodes_.push_back(std::move(n));
    return nodes_.size() - 1;
  }
  std::string next_name(const char* prefix) { return prefix + std::to_string(nodes_.size()); }

  // One node of `kind` (the YAML each kind takes: docs/yaml.md).
  std::size_t add_node(NodeKind kind, Index size) {
    GenNode n{next_name(traits(kind).takes_input ? "h" : "s"), kind, traits(kind).takes_input ? size : 0, size};
    switch (kind) {
      case NodeKind::input: return add(n, "{input: " + std::to_string(size) + "}");
      case NodeKind::constant: return add(n, "{constant: " + numbers(size, -1, 1) + "}");
      case NodeKind::sequence: return add(n, "{sequence: " + matrix(between(1, 5), size, -1, 1) + "}");
      case NodeKind::time:
        n.out = 1;
        return add(n, "{time: true}");
      case NodeKind::passthrough: return add(n, "{size: " + std::to_string(size) + "}");
      case NodeKind::time_function: {  // known ahead: the rewrites may read it like a sequence
        static const char* const kOfTime[] = {"sin(30 * t + 0.4)", "t^2 - 0.5", "t < 0.05 ? 1 : -0.5", "cos(70 * t) * exp(-t)"};
        std::string list;
        for (Index i = 0; i < size; ++i) list += (i ? ", \"" : "\"") + std::string(kOfTime[rng_.below(4)]) + "\"";
        return add(n, "{function: [" + list + "]}");
      }
      case NodeKind::process: {  // known ahead, seeded (dt 0.01: Nyquist 50 Hz)
        const std::string sz = std::to_string(size);
        switch (rng_.below(4)) {
          case 0: return add(n, "{process: {white_signal: {period: 0.2, high: 20, rms: 0.4}}, size: " + sz + "}");
          case 1: return add(n, "{process: {white_noise: {dist: {uniform: [-1, 1]}, scale: false}}, size: " + sz + ", seed: 4}");
          case 2: return add(n, "{process: {piecewise: {0: " + numbers(size, -1, 1) + ", 0.04: " + numbers(size, -1, 1) + "}}}");
          default:
            return add(n, "{process: {present_input: {values: " + matrix(3, size, -1, 1) + ", presentation_time: 0.03}}}");
        }
      }
      case NodeKind::function: {  // no gradient: such a network compares its forward run only
        no_gradient_node_ = true;
        n.out = between(1, 4);
        std::string list;
        for (Index i = 0; i < n.out; ++i) list += (i ? ", \"" : "\"") + expression_of(size, true) + "\"";
        return add(n, "{size_in: " + std::to_string(size) + ", function: [" + list + "]}");
      }
      case NodeKind::activation: {
        static const char* const kActs[] = {"tanh", "relu", "sigmoid", "identity"};
        return add(n, "{size: " + std::to_string(size) + ", activation: " + kActs[rng_.below(4)] + "}");
      }
      case NodeKind::dropout: {
        static const char* const kRates[] = {"0.0", "0.2", "0.5"};
        return add(n, "{dropout: {size: " + std::to_string(size) + ", rate: " + kRates[rng_.below(3)] + "}}");
      }
      case NodeKind::neurons: {
        // An ensemble: NAME (its value, d) and NAME.neurons; modest gains and amplitudes
        // keep values near 1 at dt 0.01. `from: NAME` decodes (solved decoders).
        // Every type of the list (core/neuron_type.h), with parameters that keep rates modest.
        static const std::pair<const char*, const char*> kTypes[] = {
            {"lif", "{amplitude: 0.01}"},
            {"lif_rate", "{amplitude: 0.01}"},
            {"rectified_linear", "{amplitude: 0.5}"},
            {"spiking_rectified_linear", "{amplitude: 0.01}"},
            {"sigmoid", "{tau_ref: 1}"},
            {"tanh", "{tau_ref: 1}"},
            {"lif", "{amplitude: 0.01, smoothing: 0.05}"},
            {"adaptive_lif", "{amplitude: 0.01, tau_n: 0.05, inc_n: 0.5}"},
            {"adaptive_lif_rate", "{amplitude: 0.01, tau_n: 0.05, inc_n: 0.5}"},
        };
        const auto& [type_name, parameters] = kTypes[rng_.below(std::size(kTypes))];
        const NeuronType neuron_type = *neuron_type_named(type_name);
        spiking_ = spiking_ || is_spiking(neuron_type);
        neuron_state_gradient_ = neuron_state_gradient_ || has_state(rate_twin(neuron_type));
        const Index d = between(1, 3);
        GenNode value{next_name("e"), NodeKind::passthrough, d, d, false, true};
        const std::string value_name = value.name, neurons_name = value.name + ".neurons";
        std::string yaml = "{ensemble: {n_neurons: " + std::to_string(size) + ", dimensions: " + std::to_string(d) +
                           ", neuron_type: {" + type_name + ": " + parameters + "}, gain: " + numbers(size, 0.5, 2.0) + ", bias: " +
                           biases(size) + (chance(0.5) ? "" : ", radius: 2") + ", seed: " +
                           std::to_string(between(0, 9)) + (chance(0.3) ? ", trainable: true" : "") + "}}";
        const std::size_t at = add(value, yaml);
        nodes_.push_back(GenNode{neurons_name, NodeKind::neurons, size, size});
        if (state_index(neuron_type, "voltage") >= 0 && chance(0.5)) probes_text_ << "  v_" << value_name << ": {target: " << neurons_name << ", attr: voltage}\n";
        return at;
      }
      case NodeKind::max_pooling: {
        PoolingSpec spec;
        spec.input = {between(1, 4), between(1, 4), between(1, 2)};
        spec.window.height = spec.window.width = between(1, std::min<Index>(2, std::min(spec.input.height, spec.input.width)));
        spec.window.stride_y = spec.window.stride_x = between(1, 2);
        spec.window.padding = chance(0.5) ? Padding::same : Padding::valid;
        n.in = spec.input.size();
        n.out = spec.output().size();
        return add(n, "{max_pooling: {input_shape: [" + std::to_string(spec.input.height) + ", " +
                          std::to_string(spec.input.width) + ", " + std::to_string(spec.input.channels) +
                          "], pool_size: " + std::to_string(spec.window.height) + ", strides: " +
                          std::to_string(spec.window.stride_y) + ", padding: " +
                          (spec.window.padding == Padding::same ? "same" : "valid") + "}}");
      }
    }
    return 0;
  }

  void make_sources() {
    std::vector<NodeKind> sources;
    for (const NodeKindTraits& t : kNodeKinds)
      if (t.source) sources.push_back(t.kind);
    const Index count = between(1, 3);
    for (Index i = 0; i < count; ++i) {
      const NodeKind kind = i == 0 && chance(0.75) ? NodeKind::input : sources[rng_.below(sources.size())];
      add_node(kind, kind == NodeKind::input && chance(0.3) ? between(32, 36) : between(1, 4));
    }
  }

  // One of Nengo's networks (networks/), small, of rate neurons; its ports are passthrough
  // nodes (inputs first, the output last), connected like any other node.
  void add_nef_network() {
    static const char* const kKinds[] = {"ensemble_array", "product", "circular_convolution", "input_gated_memory", "thalamus",
                                         "basal_ganglia"};
    static const char* const kTypes[] = {"lif_rate", "rectified_linear", "tanh"};
    const std::string kind = kKinds[rng_.below(std::size(kKinds))];
    const std::string name = next_name("net");
    const Index d = between(1, 3);
    const std::string ens = std::string("{neuron_type: ") + kTypes[rng_.below(std::size(kTypes))] + "}";
    std::vector<std::pair<std::string, Index>> inputs;
    Index out = d;
    if (kind == "ensemble_array") {
      const Index per = between(1, 2);
      networks_text_ << "  " << name << ": {kind: ensemble_array, n_neurons: " << between(3, 8) << ", n_ensembles: " << d
                     << ", ens_dimensions: " << per << ", ensemble: " << ens << "}\n";
      inputs = {{"input", d * per}};
      out = d * per;
    } else if (kind == "product" || kind == "circular_convolution") {
      networks_text_ << "  " << name << ": {kind: " << kind << ", n_neurons: " << between(4, 10) << ", dimensions: " << d
                     << ", ensemble: " << ens << "}\n";
      inputs = {{"input_a", d}, {"input_b", d}};
    } else if (kind == "input_gated_memory") {
      networks_text_ << "  " << name << ": {kind: input_gated_memory, n_neurons: " << between(3, 8) << ", dimensions: " << d
                     << ", ensemble: " << ens << "}\n";
      inputs = {{"input", d}, {"gate", 1}, {"reset", 1}};
    } else {
      networks_text_ << "  " << name << ": {kind: " << kind << ", dimensions: " << d << ", n_neurons_per_ensemble: " << between(3, 8)
                     << ", ensemble: " << ens << "}\n";
      inputs = {{"input", d}};
    }
    for (const auto& [port, size] : inputs) nodes_.push_back(GenNode{name + "." + port, NodeKind::passthrough, size, size});
    nodes_.push_back(GenNode{name + ".output", NodeKind::passthrough, out, out});
    ++nef_networks_;
  }

  void add_hidden_node() {
    if (chance(0.05)) {
      add_nef_network();
      return;
    }
    std::vector<NodeKind> kinds;
    for (const NodeKindTraits& t : kNodeKinds)
      if (t.takes_input && !t.source) kinds.push_back(t.kind);
    kinds.push_back(NodeKind::passthrough);
    kinds.push_back(NodeKind::activation);
    const NodeKind kind = kinds[rng_.below(kinds.size())];
    // Now and then a plain node wide enough that a dense product with another (itself
    // through a feedback) has 4,096 weights or more: packed weights blocked by Eigen.
    const bool plain = kind == NodeKind::passthrough || kind == NodeKind::activation;
    add_node(kind, plain && chance(0.2) ? between(64, 66) : chance(0.12) ? between(32, 36) : between(1, 6));
  }

  // An LTI-memory motif's m (wired after every node exists: wire_lti_memory).
  void add_lti_memory() {
    GenNode n{next_name("m"), NodeKind::passthrough, between(1, 5), 0, true};
    n.out = n.in;
    lti_ = nodes_.size();
    add(n, "{size: " + std::to_string(n.in) + "}");
  }

  // m -> m (synapse 0, fixed), u -> m (synapse none, fixed, u known ahead), m -> readers
  // (synapse none, dense or identity); each condition spoiled now and then, so that both
  // the rewrite and every reason to refuse it are exercised.
  void wire_lti_memory(std::size_t first_hidden, std::size_t main_end) {
    const GenNode m = nodes_[lti_];
    const std::string self_transform = chance(0.5) ? numbers(m.out, 0.3, 0.95) : matrix(m.out, m.out, -0.4, 0.4);
    connections_text_ << "  - {from: " << m.name << ", to: " << m.name << ", transform: " << self_transform
                      << ", synapse: " << (chance(0.9) ? "0" : "0.02") << ", trainable: " << (chance(0.9) ? "false" : "true") << "}\n";
    edges_.push_back({lti_, lti_});
    // The input: a source, or a node before m (which may or may not be known ahead), or one
    // made for it: a passthrough nothing feeds (its output is zero) or one fed by a constant.
    std::size_t u = 0;
    const double input_kind = rng_.uniform();
    if (input_kind < 0.12) {
      u = add_node(NodeKind::passthrough, between(1, 3));
    } else if (input_kind < 0.24) {
      const std::size_t c = add_node(NodeKind::constant, between(1, 3));
      u = add_node(NodeKind::passthrough, nodes_[c].out);
      connections_text_ << "  - {from: " << nodes_[c].name << ", to: " << nodes_[u].name << "}\n";
      edges_.push_back({c, u});
    } else {
      u = chance(0.7) ? static_cast<std::size_t>(rng_.below(first_hidden))
                      : static_cast<std::size_t>(rng_.below(lti_));
    }
    connections_text_ << "  - {from: " << nodes_[u].name << ", to: " << m.name << ", transform: "
                      << (nodes_[u].decoded ? matrix(m.in, nodes_[u].out, -1, 1) : std::string("{init: uniform, low: -1, high: 1}"))
                      << (chance(0.9) ? ", trainable: false" : "") << (chance(0.9) ? "" : ", synapse: 0.02") << "}\n";
    edges_.push_back({u, lti_});
    if (chance(0.1)) connect(static_cast<std::size_t>(rng_.below(lti_)), lti_, "");  // a second input
    const Index readers = lti_ + 1 < main_end ? between(1, 3) : 0;
    for (Index r = 0; r < readers; ++r) {
      const std::size_t post = lti_ + 1 + static_cast<std::size_t>(rng_.below(main_end - lti_ - 1));
      connect(lti_, post, chance(0.95) ? "" : random_synapse(true), false, chance(0.85) ? "init" : "");
    }
    if (chance(0.1)) probes_text_ << "  p_" << m.name << ": " << m.name << "\n";
  }

  // Branches below the LTI memory and below wide sources (whose dense products run as one
  // GEMM over the run) that reach no probe unless a random probe lands on them: a stateless
  // chain (work on the last step only), or a chain into a filtered connection or a
  // recurrence (work every step that nothing observes); their connections mostly
  // trainable. One memory's readers are so read on different steps, the family of
  // tests/data/cases/lti-unobserved-readers.
  void add_branches(std::size_t first_hidden, bool motif) {
    std::vector<std::size_t> roots;
    if (motif) roots.push_back(lti_);
    for (std::size_t s = 0; s < first_hidden; ++s)
      if (nodes_[s].out >= 32) roots.push_back(s);
    for (std::size_t root : roots) {
      for (Index b = between(0, 2); b > 0; --b) {
        static const NodeKind kKinds[] = {NodeKind::activation, NodeKind::activation,
                                          NodeKind::passthrough, NodeKind::dropout};
        const std::size_t head = add_node(kKinds[rng_.below(4)], between(1, 6));
        // Whole and without synapse: a reader the LTI rewrite takes, trainable mostly.
        connections_text_ << "  - {from: " << nodes_[root].name << ", to: " << nodes_[head].name
                          << ", transform: {init: uniform, low: -0.5, high: 0.5}"
                          << (chance(0.2) ? ", trainable: false" : "") << "}\n";
        edges_.push_back({root, head});
        std::size_t tail = head;
        if (chance(0.6)) {  // a node below, reached with or without a synapse
          const std::size_t next = add_node(NodeKind::activation, between(1, 6));
          connect(tail, next, chance(0.5) ? "" : random_synapse(false), false,
                  chance(0.7) ? "init" : "");
          tail = next;
        }
        if (chance(0.3)) connect(tail, tail, random_synapse(false), true);  // a recurrence
      }
    }
  }

  // pre -> j, identity, whole to whole, from an earlier node of the right size (false if
  // there is none); without synapse mostly, now and then with one (which the rewrite
  // must refuse).
  bool identity_input(std::size_t j) {
    std::vector<std::size_t> fitting;
    for (std::size_t p = 0; p < j; ++p)
      // (Out of an ensemble's value is out of its neurons, p + 1: not into those.)
      if (nodes_[p].out == nodes_[j].in && !nodes_[p].lti_memory && !(nodes_[p].decoded && p + 1 == j)) fitting.push_back(p);
    if (fitting.empty()) return false;
    const std::size_t pre = fitting[rng_.below(fitting.size())];
    connections_text_ << "  - {from: " << nodes_[pre].name << ", to: " << nodes_[j].name
                      << (chance(0.8) ? std::string() : ", synapse: " + random_synapse(false)) << "}\n";
    edges_.push_back({pre, j});
    return true;
  }

  // Any slice of a node of n values; `length` forces a contiguous one of that length.
  Sel slice(Index n, std::optional<Index> length = std::nullopt) {
    if (length) {
      if (*length == n && chance(0.7)) return {"", n};
      const Index start = between(0, n - *length);
      return {"[" + std::to_string(start) + ":" + std::to_string(start + *length) + "]", *length};
    }
    if (chance(0.6) || n == 1) return {"", n};
    switch (rng_.below(4)) {
      case 0: {
        const Index i = between(0, n - 1);
        return {"[" + std::to_string(i) + "]", 1};
      }
      case 1: return {"[::2]", (n + 1) / 2};
      case 2: {
        const Index k = between(1, n);
        return {"[-" + std::to_string(k) + ":]", k};
      }
      default: {
        const Index a = between(0, n - 1), b = between(a + 1, n);
        return {"[" + std::to_string(a) + ":" + std::to_string(b) + "]", b - a};
      }
    }
  }

  std::string random_synapse(bool allow_none) {
    switch (rng_.below(allow_none ? 6 : 5)) {
      case 0: return "0";
      case 1: return num(value(0.005, 0.05));
      case 2: return "{alpha: " + num(value(0.01, 0.04)) + "}";
      case 3: return "{linear_filter: {num: [1], den: [" + num(value(0.01, 0.05)) + ", 1]}}";
      case 4: {
        const double a = value(0.01, 0.03), b = value(0.01, 0.03);
        return "{linear_filter: {num: [" + num(value(0.2, 1.0)) + "], den: [" + num(a * b) + ", " + num(a + b) + ", 1]}}";
      }
      default: return "none";
    }
  }

  // pre -> post with a random transform (or the kind asked: "init"), slices on both ends.
  void connect(std::size_t pre, std::size_t post, const std::string& synapse_wanted, bool feedback = false,
               const std::string& kind_wanted = "") {
    const GenNode& a = nodes_[pre];
    // Out of an ensemble's value is out of its neurons (pre + 1): into the ensemble itself
    // that is feedback, which needs a synapse.
    const bool loops = a.decoded && post <= pre + 1;
    const std::string synapse = loops && (synapse_wanted.empty() || synapse_wanted == "none") ? random_synapse(false) : synapse_wanted;
    feedback = feedback || loops;
    const GenNode& b = nodes_[post];
    std::string kind = kind_wanted;
    if (a.decoded) {  // the transform is multiplied into the decoders: a fixed one
      static const char* const kFixed[] = {"identity", "scalar", "diagonal", "dense"};
      kind = kFixed[rng_.below(4)];
    } else if (kind.empty()) {
      static const char* const kKinds[] = {"identity", "scalar", "diagonal", "dense", "init", "init", "convolution", "average_pooling"};
      kind = kKinds[rng_.below(8)];
    }
    if (kind == "dense" && a.out * b.in > 64 && !a.decoded) kind = "init";  // keeps the YAML readable
    Sel from, to;
    std::string transform;
    if (kind == "convolution" || kind == "average_pooling") {
      ImageShape image{between(1, 3), between(1, 3), between(1, 2)};
      Window2D w;
      w.height = between(1, image.height);
      w.width = between(1, image.width);
      w.stride_y = between(1, 2);
      w.stride_x = between(1, 2);
      w.padding = chance(0.5) ? Padding::same : Padding::valid;
      const Index filters = between(1, 2);
      Index out = 0;
      if (kind == "convolution") {
        out = ConvolutionSpec{image, filters, w}.output().size();
      } else {
        w.width = w.height = std::min(w.height, w.width);
        w.stride_x = w.stride_y;
        out = PoolingSpec{image, w}.output().size();
      }
      if (image.size() <= a.out && out <= b.in) {
        from = slice(a.out, image.size());
        to = slice(b.in, out);
        const std::string shape = "[" + std::to_string(image.height) + ", " + std::to_string(image.width) + ", " +
                                  std::to_string(image.channels) + "]";
        const std::string window = std::to_string(w.height);
        if (kind == "convolution") {
          transform = "{convolution: {input_shape: " + shape + ", filters: " + std::to_string(filters) +
                      ", kernel_size: [" + std::to_string(w.height) + ", " + std::to_string(w.width) + "], strides: [" +
                      std::to_string(w.stride_y) + ", " + std::to_string(w.stride_x) + "], padding: " +
                      (w.padding == Padding::same ? "same" : "valid") + "}}";
        } else {
          transform = "{average_pooling: {input_shape: " + shape + ", pool_size: " + window + ", strides: " +
                      std::to_string(w.stride_y) + ", padding: " + (w.padding == Padding::same ? "same" : "valid") + "}}";
        }
      } else {
        kind = "init";
      }
    }
    if (kind == "identity" || kind == "scalar" || kind == "diagonal") {
      from = slice(a.out);
      if (from.length > b.in) from = slice(a.out, b.in);
      to = slice(b.in, from.length);
      if (kind == "scalar") transform = num(value(feedback ? -0.9 : -1.5, feedback ? 0.9 : 1.5));
      if (kind == "diagonal") transform = numbers(from.length, feedback ? -0.9 : -1.5, feedback ? 0.9 : 1.5);
    } else if (kind == "dense" || kind == "init") {
      from = slice(a.out);
      to = slice(b.in);
      if (kind == "dense") {
        transform = matrix(to.length, from.length, -0.7, 0.7);
      } else {
        static const char* const kInits[] = {"{init: glorot_uniform}", "{init: uniform, low: -0.5, high: 0.5}",
                                             "{init: normal, mean: 0, stddev: 0.3}", "{init: orthogonal}"};
        transform = kInits[rng_.below(4)];
      }
    }
    connections_text_ << "  - {from: \"" << a.name << from.text << "\", to: \"" << b.name << to.text << "\"";
    if (!transform.empty()) connections_text_ << ", transform: " << transform;
    if (a.decoded && chance(0.4)) {  // a decoded function of the picked dimensions (as many values)
      std::string list;
      for (Index i = 0; i < from.length; ++i) list += (i ? ", \"" : "\"") + expression_of(from.length, false) + "\"";
      connections_text_ << ", function: [" << list << "]";
    }
    if (a.decoded && chance(0.3)) {
      static const char* const kSolvers[] = {"lstsq_l2", "{lstsq_l2nz: {reg: 0.05}}", "{lstsq: {rcond: 0.001}}",
                                             "nnls", "{nnls_l2: {reg: 0.2}}", "nnls_l2nz"};
      connections_text_ << ", solver: " << kSolvers[rng_.below(6)];
    }
    if (!synapse.empty()) connections_text_ << ", synapse: " << synapse;
    const bool weights = kind != "identity" && kind != "average_pooling";
    if (weights && chance(0.3)) connections_text_ << ", trainable: false";
    connections_text_ << "}\n";
    edges_.push_back({pre, post});
  }

  void make_probes(std::size_t first_hidden, std::size_t main_last) {
    const Index count = between(1, 3);
    for (Index p = 0; p <= count; ++p) {
      // The last node of the main chain always, then any node (sources now and then).
      const std::size_t target =
          p == 0 ? main_last
                 : (chance(0.85) ? first_hidden + static_cast<std::size_t>(
                                                      rng_.below(nodes_.size() - first_hidden))
                                 : static_cast<std::size_t>(rng_.below(first_hidden)));
      const Sel s = slice(nodes_[target].out);
      probes_text_ << "  p" << p << ": {target: \"" << nodes_[target].name << s.text << "\"";
      if (chance(0.3)) probes_text_ << ", keep_history: false";
      if (chance(0.2)) probes_text_ << ", synapse: " << random_synapse(false);
      if (chance(0.2)) probes_text_ << ", sample_every: " << (chance(0.5) ? "0.02" : "0.015");
      probes_text_ << "}\n";
    }
  }

  Rng rng_;
  std::vector<GenNode> nodes_;
  std::vector<std::pair<std::size_t, std::size_t>> edges_;
  std::size_t lti_ = 0;
  bool spiking_ = false;
  bool neuron_state_gradient_ = false;
  bool no_gradient_node_ = false;
  long nef_networks_ = 0;
  std::ostringstream nodes_text_, networks_text_, connections_text_, probes_text_;
};

}  // namespace

GeneratedNetwork generate_network(std::uint64_t seed) { return Generator(seed).generate(seed); }

}  // namespace netsim::test
