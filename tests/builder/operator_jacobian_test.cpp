// Every operator's vector-Jacobian product on its own (builder/.../operator.h), against
// central differences of its own step: for one operator of a built model, with every
// signal it reads set to random values, L = sum over what it writes of c . value, and
//   dL/d(each value it reads)  == what vjp() adds into that signal's gradient,
//   dL/d(each trainable weight) == what vjp() (and finish_backward_walk) adds for it,
// the gradient of what it sets or updates is cleared and that of what it increments kept.
// The operator classes are read from builder's headers: a class that is neither checked
// here nor listed in kNotChecked (with the reason) fails the coverage test, so a new
// operator cannot arrive without its Jacobian test.
#include <doctest/doctest.h>

#include <cxxabi.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <typeinfo>

#include <netsim/builder/model.h>
#include <netsim/builder/operators/input_op.h>
#include <netsim/builder/signal_history.h>
#include <netsim/netsim.h>

namespace netsim::test {
namespace {

// Operators this test does not drive alone, each with where its gradient is proven.
const std::map<std::string, std::string> kNotChecked{
    {"ProbeOp", "a sink: its VJP injects the loss's gradient that Backprop hands it; every gradient test goes through it"},
    {"WholeRunInputOp", "rewrite plumbing: hands a whole-run operator's values to the step loop and its gradient back; "
                        "the random networks prove rewrites equal to the plain schedule, gradients included"},
    {"WholeRunOutputOp", "rewrite plumbing, as WholeRunInputOp"},
    {"FunctionOp", "a function node has no gradient by design (core/node_kinds/function.h); 'function nodes: ...' "
                   "(tests/apps/function_node_test.cpp) checks that its VJP clears or stops with the node's name"},
};

std::string class_name(const Operator& op) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(typeid(op).name(), nullptr, nullptr, &status), std::free);
  std::string s = status == 0 ? name.get() : typeid(op).name();
  if (const auto colon = s.rfind("::"); colon != std::string::npos) s = s.substr(colon + 2);
  return s;
}

// Largest |analytic - numeric| over the largest derivative of the operator: float32
// rounding in the differences stays below 3e-5 (measured); a VJP off by 0.1% is caught.
constexpr double kTolerance = 2e-4;

bool contains(const std::vector<SignalId>& v, SignalId id) { return std::find(v.begin(), v.end(), id) != v.end(); }

struct Check {
  std::string op;
  double worst = 0.0;  // largest |analytic - numeric| / scale over inputs and weights
  Index values = 0;    // derivatives compared (not both zero)
  bool cleared = true;  // set/updated gradients cleared, incremented ones kept
};

// Central differences of L through one operator's step, against its vjp.
Check check_operator(Model& model, Operator& op, bool training, std::uint64_t seed) {
  const Index batch = 2;
  const Rows rows{0, batch};
  const AccessLists& access = op.access();
  std::vector<SignalId> outputs = access.sets;
  outputs.insert(outputs.end(), access.incs.begin(), access.incs.end());
  outputs.insert(outputs.end(), access.updates.begin(), access.updates.end());
  std::vector<SignalId> inputs;
  for (SignalId id : access.reads)
    if (!contains(outputs, id) && !contains(inputs, id)) inputs.push_back(id);

  Rng rng(seed);
  SignalStore start = model.signals;
  start.allocate(batch);
  for (SignalId id = 0; id < start.count(); ++id) {
    auto block = start.block(id, rows);
    for (Index i = 0; i < block.size(); ++i) block.data()[i] = static_cast<Scalar>(rng.uniform(-1.0, 1.0));
  }
  std::map<SignalId, Matrix> coefficients;
  for (SignalId id : outputs) {
    Matrix c(batch, start.info(id).size);
    for (Index i = 0; i < c.size(); ++i) c.data()[i] = static_cast<Scalar>(rng.uniform(-1.0, 1.0));
    coefficients[id] = c;
  }
  // An input operator reads the data it is bound to (random here).
  Array3 input_data;
  if (auto* input = dynamic_cast<InputOp*>(&op)) {
    input_data = Array3(batch, 1, start.info(access.sets.at(0)).size);
    for (Index i = 0; i < input_data.size(); ++i) input_data.data()[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
    input->bind(&input_data);
  }
  const RunShape shape{.steps = 1, .task_rows = {batch}, .tasks = 1};
  const StepContext ctx{.step = 1, .t = model.dt, .training = training, .draw = 7};

  auto loss = [&](const SignalStore& from) {
    SignalStore s = from;
    op.allocate(batch);
    op.prepare_forward(shape);
    op.step(ctx, s, rows);
    double l = 0.0;
    for (const auto& [id, c] : coefficients) l += (s.block(id, rows).cast<double>().array() * c.cast<double>().array()).sum();
    return l;
  };

  // The analytic gradient: forward once (recording what vjp reads), then vjp.
  SignalHistory history;
  for (SignalId id : op.saved_signals()) history.track(id, start.info(id).size, contains(access.updates, id));
  history.reserve_steps(batch, 1);
  SignalStore forward = start;
  op.allocate(batch);
  op.prepare_forward(shape);
  history.save_before_step(1, forward, rows, false);
  op.step(ctx, forward, rows);
  history.save_after_step(1, forward, rows, false);
  SignalStore grads = model.signals;
  grads.allocate(batch);
  for (const auto& [id, c] : coefficients) grads.block(id, rows) = c;
  std::vector<Matrix> parameter_grads(model.parameters.size());
  for (const auto& p : model.parameters)
    if (p->trainable) parameter_grads[static_cast<std::size_t>(p->index)] = Matrix::Zero(p->value.rows(), p->value.cols());
  op.allocate_backward(batch);
  op.prepare_backward(shape);
  const BackwardStep b{.step = 1, .history = history, .grads = grads, .parameter_grads = parameter_grads,
                       .training = training, .draw = 7};
  op.vjp(b, rows);
  op.finish_backward_walk(b, rows);

  Check result{class_name(op) + " " + op.kind() + " of " + op.origin()};
  for (SignalId id : access.sets) result.cleared = result.cleared && grads.block(id, rows).isZero();
  for (SignalId id : access.updates) result.cleared = result.cleared && grads.block(id, rows).isZero();
  for (SignalId id : access.incs) result.cleared = result.cleared && grads.block(id, rows) == coefficients[id];

  // Compares one analytic derivative with the central difference for a change of `value`.
  std::vector<std::pair<double, double>> pairs;  // (analytic, numeric)
  // Richardson's extrapolation of two central differences (h and h/2): the truncation
  // error falls to O(h^4), so the comparison can be tight although signals are float32.
  auto differentiate = [&](Scalar& value, double analytic, const std::function<double()>& l) {
    const Scalar saved = value;
    auto central = [&](double h) {
      const Scalar up_value = static_cast<Scalar>(saved + h), down_value = static_cast<Scalar>(saved - h);
      value = up_value;
      const double up = l();
      value = down_value;
      const double down = l();
      value = saved;
      return (up - down) / (static_cast<double>(up_value) - static_cast<double>(down_value));
    };
    const double h = 1e-2 * std::max(1.0, std::abs(static_cast<double>(saved)));
    const double numeric = (4.0 * central(h / 2) - central(h)) / 3.0;
    if (analytic != 0.0 || numeric != 0.0) pairs.emplace_back(analytic, numeric);
  };
  SignalStore probe = start;
  for (SignalId id : inputs) {
    auto block = probe.block(id, rows);
    const auto g = grads.block(id, rows);
    for (Index i = 0; i < block.size(); ++i)
      differentiate(block.data()[i], static_cast<double>(g.data()[i]), [&] { return loss(probe); });
  }
  for (const auto& p : model.parameters) {
    const Matrix& g = parameter_grads[static_cast<std::size_t>(p->index)];
    if (!p->trainable || g.size() == 0) continue;
    for (Index i = 0; i < p->value.size(); ++i)
      differentiate(p->value.data()[i], static_cast<double>(g.data()[i]), [&] { return loss(start); });
  }
  double scale = 1e-3;
  for (const auto& [a, n] : pairs) scale = std::max({scale, std::abs(a), std::abs(n)});
  for (const auto& [a, n] : pairs) result.worst = std::max(result.worst, std::abs(a - n) / scale);
  result.values = static_cast<Index>(pairs.size());
  if (auto* input = dynamic_cast<InputOp*>(&op)) input->bind(nullptr);  // input_data ends here
  return result;
}

// Small networks that between them make every operator class (rewrites off: the plain
// schedule's operators; blocked weight gradients and the library convolution on and off).
std::vector<std::pair<std::string, Network>> covering_networks() {
  std::vector<std::pair<std::string, Network>> nets;
  {
    Network net;
    auto x = net.input("x", 6);
    auto u = net.constant("u", VectorD::LinSpaced(3, -0.5, 0.5));
    auto s = net.sequence("s", MatrixD::Random(4, 2));
    auto t = net.time("t");
    auto f = net.function("f", 1, [](double time) { return VectorD::Constant(1, std::sin(3.0 * time)); });
    auto h = net.node("h", 4, Activation::tanh);
    auto r = net.node("r", 4, Activation::sigmoid);
    auto p = net.node("p", 5);
    auto d = net.dropout("d", 4, 0.3);
    net.connect(x, h, {.transform = init::uniform(-1, 1)});
    net.connect(u, h[Slice::range(0, 3)], {.transform = Transform::diagonal(VectorD::LinSpaced(3, 0.5, 1.5)), .trainable = true});
    net.connect(s, r[Slice::range(1, 3)], {.transform = 0.7, .trainable = true});
    net.connect(t, r[Slice::index(0)]);
    net.connect(f, r[Slice::index(3)]);
    net.connect(h, p[Slice::range(0, 4)], {.synapse = Synapse::lowpass(0.01)});
    net.connect(r, p[Slice::range(1, 5)], {.transform = init::uniform(-1, 1), .synapse = Synapse::alpha(0.02)});
    net.connect(p[Slice::range(0, 4)], d);
    net.probe(d, {.name = "dp"});
    net.probe(p, {.name = "pp", .synapse = Synapse::lowpass(0.005)});
    nets.emplace_back("dense, diagonal, scalar, sliced, filtered, dropout", std::move(net));
  }
  {
    Network net;
    auto image = net.input("image", 5 * 5 * 2);
    ConvolutionSpec conv{.input = {5, 5, 2}, .filters = 3, .window = {.height = 3, .width = 3}};
    auto c = net.node("c", conv.output().size(), Activation::relu);
    net.connect(image, c, {.transform = Transform::convolution(conv)});
    PoolingSpec pool{.input = conv.output(), .window = {.height = 2, .width = 2, .stride_y = 1, .stride_x = 1}};
    auto m = net.max_pooling("m", pool);
    net.connect(c, m);
    PoolingSpec average{.input = pool.output(), .window = {.height = 2, .width = 2}};
    auto a = net.node("a", average.output().size());
    net.connect(m, a, {.transform = Transform::average_pooling(average)});
    net.probe(a, {.name = "ap"});
    nets.emplace_back("convolution, max pooling, average pooling", std::move(net));
  }
  for (const std::string& type : neuron_type_names()) {
    const NeuronType neuron = *neuron_type_named(type);
    if (!is_differentiable(neuron)) continue;  // spiking and stateful types: below
    Network net;
    auto x = net.input("x", 3);
    VectorD gain(4), bias(4);
    gain << 1.5, 0.8, 2.0, 1.2;
    bias << 2.5, 2.0, 3.0, 2.2;  // above LIF's threshold for |in| < 1 (off its kink)
    auto n = net.neurons("n", neuron, gain, bias);
    net.connect(x, n, {.transform = init::uniform(-0.2, 0.2)});
    net.probe(n, {.name = "np"});
    nets.emplace_back("neurons " + type, std::move(net));
  }
  return nets;
}

std::set<std::string> operator_classes_in_sources() {
  std::set<std::string> names;
  const std::regex declaration(R"(class\s+(\w+)\s+final\s*:\s*public\s+Operator\b)");
  for (const char* dir : {"builder/include/netsim/builder/operators", "builder/include/netsim/builder", "builder/src",
                          "builder/src/operators"}) {
    for (const auto& entry : std::filesystem::directory_iterator(std::string(NETSIM_SOURCE_DIR) + "/" + dir)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path());
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      for (std::sregex_iterator m(text.begin(), text.end(), declaration), end; m != end; ++m) names.insert((*m)[1]);
    }
  }
  return names;
}

}  // namespace

TEST_CASE("operators: every operator's VJP equals central differences of its own step, and every operator class is checked") {
  std::set<std::string> checked;
  std::map<std::string, std::pair<double, Index>> by_class;  // worst difference, derivatives compared
  for (const bool kernels : {false, true}) {
    for (auto& [what, net] : covering_networks()) {
      BuildOptions options{.dt = 0.001, .seed = 5};
      options.rewrites = RewriteOptions::all(false);
      options.rewrites.blocked_weight_gradients = kernels;
      options.rewrites.library_convolution = kernels;
      Model model = build_model(net, options);
      for (std::size_t i = 0; i < model.operators.size(); ++i) {
        Operator& op = *model.operators[i];
        const std::string name = class_name(op);
        if (kNotChecked.count(name)) continue;
        for (const bool training : {false, true}) {
          const Check c = check_operator(model, op, training, 100 + i);
          CAPTURE(what);
          CAPTURE(kernels);
          CAPTURE(training);
          CAPTURE(c.op);
          CHECK(c.cleared);
          CHECK(c.worst <= kTolerance);
          checked.insert(name);
          auto& [worst, values] = by_class[name];
          worst = std::max(worst, c.worst);
          values += c.values;
        }
      }
    }
  }
  const std::set<std::string> declared = operator_classes_in_sources();
  CHECK(declared.size() >= 15);
  for (const std::string& name : declared) {
    CAPTURE(name);
    CHECK_MESSAGE((checked.count(name) || kNotChecked.count(name)), "operator class without a Jacobian check");
  }
  for (const auto& [name, why] : kNotChecked) CHECK(declared.count(name));  // no stale exclusions
  for (const auto& [name, stats] : by_class) MESSAGE(name << ": " << stats.second << " derivatives, worst " << stats.first);
  MESSAGE(checked.size() << " operator classes checked against central differences; " << kNotChecked.size() << " listed apart");
}

TEST_CASE("operators: neurons without a gradient say so in their VJP") {
  for (const std::string& type : neuron_type_names()) {
    const NeuronType neuron = *neuron_type_named(type);
    if (is_differentiable(neuron)) continue;
    CAPTURE(type);
    Network net;
    auto x = net.input("x", 1);
    auto n = net.neurons("n", neuron, VectorD::Constant(2, 2.0), VectorD::Constant(2, 1.0));
    net.connect(x, n, {.transform = init::uniform(-1, 1)});
    net.probe(n, {.name = "np"});
    Model model = build_model(net, {.dt = 0.001});
    for (auto& op : model.operators) {
      if (class_name(*op) != "NeuronsOp") continue;
      CHECK_THROWS_AS(check_operator(model, *op, false, 1), SimulationError);
    }
  }
}

}  // namespace netsim::test
