// Backpropagation through time against central differences, operator by operator and for
// a recurrent network over 30 steps. The loss is a fixed random linear functional of every
// probe's data, L = sum(c * probe), so dL/d(probe) = c and any error is the VJPs'.

#include <doctest/doctest.h>

#include <cmath>
#include <map>

#include <netsim/builder/simulator_training.h>
#include <netsim/netsim.h>
#include <netsim/networks/ensemble.h>
#include <netsim/optimizer/backprop.h>

namespace netsim::test {
namespace {

struct GradientCheck {
  Network net;
  long steps = 12;
  Index batch = 5;
  double dt = 0.001;
  Index rows_per_task = 2;  // three tasks: the per-task sums are exercised too
  long window = 0;
  float step = 1e-2f;  // central-difference step, relative to the weight
  bool training = false;  // dropout on (the same masks in every run: one draw)
  bool rate_twins = false;      // spiking neurons as their rate twins
  double lif_smoothing = 0.0;
};

Array3 random_array(Index d0, Index d1, Index d2, Rng& rng) {
  Array3 a(d0, d1, d2);
  for (Index i = 0; i < a.size(); ++i) a.data()[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
  return a;
}

double functional(const Simulator& sim, const ProbeGradients& c) {
  double sum = 0.0;
  for (const auto& [probe, coeff] : c) {
    const Array3 data = sim.probe_data(probe);
    for (Index i = 0; i < data.size(); ++i) sum += static_cast<double>(coeff.data()[i]) * data.data()[i];
  }
  return sum;
}

constexpr double kAbsoluteFloor = 1e-3;

// Runs the check and returns how many weights were compared.
int check_gradients(const GradientCheck& g) {
  Simulator sim(g.net, {.dt = g.dt, .minibatch = g.batch, .unroll = 4, .seed = 11, .rows_per_task = g.rows_per_task,
                        .rate_twins = g.rate_twins, .lif_smoothing = g.lif_smoothing});
  sim.training_support().set_training(g.training, 7);
  Rng rng(3);
  for (const Node& node : g.net.nodes())
    if (node.kind() == NodeKind::input) sim.set_input(node.name, random_array(g.batch, g.steps, node.size_out, rng));
  sim.run_steps(g.steps);
  ProbeGradients c;
  for (const std::string& probe : sim.probe_names()) {
    const Array3 data = sim.probe_data(probe);
    c[probe] = random_array(data.dim(0), data.dim(1), data.dim(2), rng);
  }
  sim.reset();
  sim.training_support().set_recording(true);
  sim.run_steps(g.steps);
  const ParameterGradients analytic = Backprop(sim).run(c, {.window = g.window});
  sim.training_support().set_recording(false);

  // The loss with one parameter set to `value`. With a truncation window the weights
  // before it stay the original ones (the run is split where the window starts), which is
  // the function truncated BPTT differentiates: the state entering the window is held.
  const bool truncated = g.window > 0 && g.window < g.steps;
  auto loss = [&](const std::string& name, const Matrix& value, const Matrix& original) {
    sim.reset();
    if (truncated) sim.run_steps(g.steps - g.window);
    sim.set_parameter(name, value);
    sim.run_steps(truncated ? g.window : g.steps);
    sim.set_parameter(name, original);
    return functional(sim, c);
  };
  int compared = 0;
  for (const Parameter* p : sim.parameters()) {
    const Matrix& grad = analytic[static_cast<std::size_t>(p->index)];
    if (!p->trainable) {
      CHECK(grad.size() == 0);
      continue;
    }
    REQUIRE(grad.rows() == p->value.rows());
    REQUIRE(grad.cols() == p->value.cols());
    for (Index i = 0; i < p->value.size(); ++i) {
      const float h = g.step * std::max(1.0f, std::abs(p->value.data()[i]));
      const Matrix original = p->value;
      Matrix w = original;
      w.data()[i] = original.data()[i] + h;
      const double plus = loss(p->name, w, original);
      w.data()[i] = original.data()[i] - h;
      const double minus = loss(p->name, w, original);
      const double numeric = (plus - minus) / (2.0 * static_cast<double>(h));
      CAPTURE(p->name);
      CAPTURE(i);
      CAPTURE(numeric);
      // 1% of the value, plus an absolute floor at the central difference's float32 noise
      // (about 1e-4 here): small gradients are checked too.
      CHECK(std::abs(grad.data()[i] - numeric) <= 1e-2 * std::abs(numeric) + kAbsoluteFloor);
      ++compared;
    }
  }
  return compared;
}

}  // namespace

TEST_CASE("gradients: DotInc (dense, same step) and Activation(tanh) into a probe") {
  GradientCheck g;
  auto x = g.net.input("x", 3);
  auto h = g.net.node("h", 4, Activation::tanh);
  g.net.connect(x, h, {.transform = init::glorot_uniform()});
  g.net.probe(h, {.name = "h_p"});
  CHECK(check_gradients(g) == 12);
}

TEST_CASE("gradients: gathered and scattered slices (DotSet through .pre and .post)") {
  GradientCheck g;
  auto x = g.net.input("x", 5);
  auto h = g.net.node("h", 6, Activation::sigmoid);
  g.net.connect(x[Slice::range(0, 5, 2)], h[Slice::range(1, 6, 2)], {.transform = init::glorot_uniform()});
  g.net.connect(x[Slice::range(1, 3)], h[Slice::range(0, 2)], {.transform = init::uniform(-1, 1), .name = "x_block"});
  g.net.probe(h, {.name = "h_p"});
  CHECK(check_gradients(g) == 9 + 4);
}

TEST_CASE("gradients: DotUpdate (synapse 0) and elementwise updates") {
  GradientCheck g;
  auto x = g.net.input("x", 3);
  auto a = g.net.node("a", 3);
  auto b = g.net.node("b", 3, Activation::tanh);
  g.net.connect(x, a, {.transform = init::glorot_uniform(), .synapse = Synapse::delay()});
  g.net.connect(a, b, {.transform = Transform::diagonal(VectorD::Constant(3, 0.7)), .synapse = Synapse::delay()});
  g.net.connect(x, b, {.transform = 0.5, .synapse = Synapse::delay()});
  g.net.probe(b, {.name = "b_p"});
  CHECK(check_gradients(g) == 9 + 3 + 1);
}

TEST_CASE("gradients: lowpass, alpha and a filter with a direct term (D != 0)") {
  GradientCheck g;
  g.dt = 0.01;
  auto x = g.net.input("x", 2);
  auto a = g.net.node("a", 3, Activation::tanh);
  g.net.connect(x, a, {.transform = init::glorot_uniform(), .synapse = Synapse::lowpass(0.02)});
  g.net.connect(x, a, {.transform = init::uniform(-1, 1), .synapse = Synapse::alpha(0.03), .name = "x_alpha"});
  g.net.connect(x[0], a[Slice::range(1, 3)], {.transform = Transform::dense(MatrixD::Constant(2, 1, 0.4)),
                                               .synapse = Synapse::linear_filter({0.5, 1.0}, {1.0, 2.0}), .name = "x_direct"});
  g.net.probe(a, {.name = "a_p"});
  CHECK(check_gradients(g) == 6 + 6 + 2);
}

TEST_CASE("gradients: scalar and diagonal weights on slices, same step") {
  GradientCheck g;
  auto x = g.net.input("x", 4);
  auto p = g.net.node("p", 4);  // passthrough
  auto h = g.net.node("h", 2, Activation::sigmoid);
  g.net.connect(x[Slice::range(0, 4, 2)], p[Slice::range(1, 3)], {.transform = Transform::diagonal(VectorD::LinSpaced(2, 0.5, 1.5))});
  g.net.connect(x, p, {.transform = -0.8, .name = "x_scaled"});
  g.net.connect(p[Slice::range(2, 4)], h, {.transform = Transform::diagonal(VectorD::Constant(2, 1.2))});
  g.net.connect(p[Slice::range(0, 2)], h, {.transform = init::glorot_uniform(), .name = "p_dense"});
  g.net.probe(h, {.name = "h_p"});
  CHECK(check_gradients(g) == 2 + 1 + 2 + 4);
}

TEST_CASE("gradients: relu, identity and a frozen connection gradients still flow through") {
  GradientCheck g;
  g.step = 1e-3f;  // small enough not to cross relu's kink
  auto x = g.net.input("x", 3);
  auto a = g.net.node("a", 4, Activation::relu);
  auto b = g.net.node("b", 4, Activation::identity);
  auto out = g.net.node("out", 2);
  g.net.connect(x, a, {.transform = init::glorot_uniform()});
  g.net.connect(a, b, {.transform = init::orthogonal(), .trainable = false});
  g.net.connect(b, out, {.transform = init::glorot_uniform(), .synapse = Synapse::delay()});
  g.net.probe(out, {.name = "out_p"});
  CHECK(check_gradients(g) == 12 + 8);
}

TEST_CASE("gradients: probes with a synapse, a slice, sample_every and keep_history false") {
  GradientCheck g;
  g.dt = 0.01;
  auto x = g.net.input("x", 2);
  auto h = g.net.node("h", 3, Activation::tanh);
  g.net.connect(x, h, {.transform = init::glorot_uniform()});
  g.net.connect(h, h, {.transform = init::orthogonal(0.9), .synapse = Synapse::delay()});
  g.net.probe(h, {.name = "filtered", .synapse = Synapse::lowpass(0.05)});
  g.net.probe(h[Slice::range(0, 2)], {.name = "sliced", .sample_every = 0.03});
  g.net.probe(h, {.name = "last", .keep_history = false});
  CHECK(check_gradients(g) == 6 + 9);
}

TEST_CASE("gradients: recurrent network over 30 steps with delays, a lowpass and a tanh recurrence") {
  GradientCheck g;
  g.steps = 30;
  g.dt = 1.0;
  auto x = g.net.input("x", 2);
  auto m = g.net.node("m", 4);
  auto h = g.net.node("h", 5, Activation::tanh);
  auto out = g.net.node("out", 3);
  g.net.connect(x, m, {.transform = init::uniform(-0.5, 0.5)});
  g.net.connect(m, m, {.transform = init::orthogonal(0.9), .synapse = Synapse::delay(), .trainable = false});
  g.net.connect(m, h, {.transform = init::glorot_uniform(), .synapse = Synapse::lowpass(3.0)});
  g.net.connect(x, h, {.transform = init::glorot_uniform()});
  g.net.connect(h, h, {.transform = init::orthogonal(1.1), .synapse = Synapse::delay()});
  g.net.connect(h, out, {.transform = init::glorot_uniform()});
  g.net.probe(out, {.name = "out_p", .keep_history = false});
  CHECK(check_gradients(g) == 8 + 20 + 10 + 25 + 15);
}

TEST_CASE("gradients: truncated BPTT (window 6 of 20 steps) against central differences of the truncated loss") {
  // The truncated gradient is that of the loss with the state entering the window held:
  // the central differences perturb the weights from the window's first step on only.
  // Probes with history see every step, and a delay, a lowpass and a tanh recurrence carry
  // state across the window's edge.
  GradientCheck g;
  g.steps = 20;
  g.window = 6;
  g.dt = 1.0;
  auto x = g.net.input("x", 2);
  auto h = g.net.node("h", 4, Activation::tanh);
  auto f = g.net.node("f", 3);
  g.net.connect(x, h, {.transform = init::glorot_uniform()});
  g.net.connect(h, h, {.transform = init::orthogonal(1.1), .synapse = Synapse::delay()});
  g.net.connect(h, f, {.transform = init::glorot_uniform(), .synapse = Synapse::lowpass(2.0)});
  g.net.connect(f, h, {.transform = init::uniform(-0.5, 0.5), .synapse = Synapse::delay()});
  g.net.probe(h, {.name = "h_p"});
  g.net.probe(f, {.name = "f_p", .keep_history = false});
  CHECK(check_gradients(g) == 8 + 16 + 12 + 12);
}

TEST_CASE("gradients: a truncation window drops what lies further back") {
  // Only the last step is probed; with window 1 the recurrent weights get no gradient
  // (it would need a second step), the same-step weights get all of theirs.
  Network net;
  auto x = net.input("x", 2);
  auto h = net.node("h", 3, Activation::tanh);
  net.connect(x, h, {.transform = init::glorot_uniform(), .name = "in"});
  net.connect(h, h, {.transform = init::orthogonal(), .synapse = Synapse::delay(), .name = "rec"});
  net.probe(h, {.name = "last", .keep_history = false});
  Simulator sim(net, {.minibatch = 2});
  Rng rng(1);
  sim.set_input("x", random_array(2, 10, 2, rng));
  sim.training_support().set_recording(true);
  sim.run_steps(10);
  Backprop bp(sim);
  const auto full = bp.run({{"last", Array3(2, 1, 3, 1.0f)}});
  const auto one = bp.run({{"last", Array3(2, 1, 3, 1.0f)}}, {.window = 1});
  const auto& in = *sim.model().find_parameter("in");
  const auto& rec = *sim.model().find_parameter("rec");
  CHECK(full[static_cast<std::size_t>(rec.index)].norm() > 0.0f);
  CHECK(one[static_cast<std::size_t>(rec.index)].norm() == 0.0f);
  CHECK(one[static_cast<std::size_t>(in.index)].norm() > 0.0f);
  CHECK(one[static_cast<std::size_t>(in.index)].norm() < full[static_cast<std::size_t>(in.index)].norm() * 10);
}

TEST_CASE("gradients: backprop refuses a run that was not recorded") {
  Network net;
  auto x = net.input("x", 1);
  auto h = net.node("h", 1);
  net.connect(x, h, {.transform = 2.0});
  net.probe(h, {.name = "h_p"});
  Simulator sim(net);
  sim.set_input("x", Array3(1, 3, 1, 1.0f));
  sim.run_steps(3);
  CHECK_THROWS_WITH_AS(Backprop(sim).run({{"h_p", Array3(1, 3, 1)}}), doctest::Contains("set_recording(true)"), SimulationError);
  CHECK_THROWS_WITH_AS(sim.training_support().set_recording(true), doctest::Contains("at step 0"), SimulationError);
}

TEST_CASE("gradients: convolution (valid, stride 1) after a trainable layer, so dL/d(input) is checked too") {
  GradientCheck g;
  g.steps = 2;
  auto x = g.net.input("x", 4);
  auto img = g.net.node("img", 5 * 5 * 2, Activation::tanh);  // 5x5x2 image
  auto h = g.net.node("h", 3 * 3 * 3, Activation::tanh);
  g.net.connect(x, img, {.transform = init::uniform(-1, 1)});
  const ConvolutionSpec conv{{5, 5, 2}, 3, {.height = 3, .width = 3}};
  g.net.connect(img, h, {.transform = Transform::convolution(conv, init::uniform(-0.5, 0.5))});
  g.net.probe(h, {.name = "h_p"});
  CHECK(check_gradients(g) == 4 * 50 + 3 * 18);
}

TEST_CASE("gradients: convolution with padding same, stride 2, a 3x2 kernel, into a slice (ConvSet + scatter)") {
  GradientCheck g;
  g.steps = 2;
  auto x = g.net.input("x", 3);
  auto img = g.net.node("img", 5 * 6 * 2, Activation::sigmoid);
  auto h = g.net.node("h", 1 + 3 * 3 * 2, Activation::tanh);
  g.net.connect(x, img, {.transform = init::uniform(-1, 1)});
  const ConvolutionSpec conv{{5, 6, 2}, 2, {.height = 3, .width = 2, .stride_y = 2, .stride_x = 2, .padding = Padding::same}};
  CHECK(conv.output() == ImageShape{3, 3, 2});
  g.net.connect(img, h[Slice::range(1, 19)], {.transform = Transform::convolution(conv, init::uniform(-0.5, 0.5))});
  g.net.probe(h, {.name = "h_p"});
  CHECK(check_gradients(g) == 3 * 60 + 2 * 12);
}

TEST_CASE("gradients: average pooling (a fixed transform, padding same) and a max_pooling node") {
  GradientCheck g;
  g.steps = 2;
  g.step = 1e-3f;  // a smaller step: a wider one crosses where the maximum changes hands
  auto x = g.net.input("x", 3);
  auto img = g.net.node("img", 5 * 5 * 2, Activation::tanh);
  auto avg = g.net.node("avg", 3 * 3 * 2);
  const PoolingSpec pool{{5, 5, 2}, {.height = 2, .width = 2, .stride_y = 2, .stride_x = 2, .padding = Padding::same}};
  auto mx = g.net.max_pooling("mx", PoolingSpec{{5, 5, 2}, {.height = 3, .width = 3, .stride_y = 2, .stride_x = 2}});
  g.net.connect(x, img, {.transform = init::uniform(-1, 1)});
  g.net.connect(img, avg, {.transform = Transform::average_pooling(pool)});
  g.net.connect(img, mx);
  g.net.probe(avg, {.name = "avg_p"});
  g.net.probe(mx, {.name = "mx_p"});
  CHECK(check_gradients(g) == 3 * 50);
}

TEST_CASE("gradients: dropout nodes in a training run (input and recurrent paths)") {
  GradientCheck g;
  g.training = true;
  auto x = g.net.input("x", 3);
  auto d = g.net.dropout("d", 3, 0.4);
  auto h = g.net.node("h", 4, Activation::tanh);
  auto hd = g.net.dropout("hd", 4, 0.25);
  g.net.connect(x, d);
  g.net.connect(d, h, {.transform = init::glorot_uniform()});
  g.net.connect(h, hd);
  g.net.connect(hd, h, {.transform = init::orthogonal(), .synapse = Synapse::delay()});
  g.net.probe(hd, {.name = "hd_p"});
  CHECK(check_gradients(g) == 12 + 16);
}


TEST_CASE("gradients: neurons of every rate type, and lif trained as its smoothed rate twin (SoftLIF)") {
  struct Case {
    std::string name;
    NeuronType type;
    bool twins = false;
    double smoothing = 0.0;
  };
  const NeuronType lif_rate = neurons::LifRate{.amplitude = 0.02};
  const NeuronType relu = neurons::RectifiedLinear{.amplitude = 0.5};
  const NeuronType sigmoid = neurons::Sigmoid{.tau_ref = 1.0}, tanh = neurons::Tanh{.tau_ref = 1.0};
  const NeuronType lif = neurons::Lif{.amplitude = 0.02};
  const NeuronType srl = neurons::SpikingRectifiedLinear{.amplitude = 0.5};
  const Case cases[] = {{"lif_rate", lif_rate},
                        {"rectified_linear", relu},
                        {"sigmoid", sigmoid},
                        {"tanh", tanh},
                        {"lif as SoftLIF (train.lif_smoothing 0.1)", lif, true, 0.1},
                        {"spiking_rectified_linear as rectified_linear", srl, true}};
  for (const Case& c : cases) {
    CAPTURE(c.name);
    GradientCheck g;
    g.rate_twins = c.twins;
    g.lif_smoothing = c.smoothing;
    auto x = g.net.input("x", 3);
    // J = bias + gain * in with |in| < 0.6: above LIF's threshold 1 everywhere, where the
    // exact rate is smooth (SoftLIF is smooth everywhere).
    VectorD gain(4), bias(4);
    gain << 1.5, 0.8, 2.0, 1.2;
    bias << 2.5, 2.0, 3.0, -0.4;
    // (The exact lif_rate and the rectified linear types have a kink at threshold: stay off it.)
    if (std::holds_alternative<neurons::LifRate>(c.type)) bias[3] = 2.2;
    if (std::holds_alternative<neurons::RectifiedLinear>(c.type) || std::holds_alternative<neurons::SpikingRectifiedLinear>(c.type))
      bias[3] = 1.0;
    auto n = g.net.neurons("n", c.type, gain, bias);
    auto out = g.net.node("out", 2);
    g.net.connect(x, n, {.transform = init::uniform(-0.2, 0.2)});
    g.net.connect(n, out, {.transform = init::glorot_uniform()});
    g.net.probe(out, {.name = "out_p"});
    CHECK(check_gradients(g) == 12 + 8);
  }
}

TEST_CASE("gradients: a trainable ensemble's bias (a.bias) and the weights into its value") {
  for (const bool spiking : {false, true}) {
    CAPTURE(spiking);
    GradientCheck g;
    g.rate_twins = spiking;  // lif trained as SoftLIF, or lif_rate itself
    g.lif_smoothing = spiking ? 0.1 : 0.0;
    auto x = g.net.input("x", 2);
    const NeuronType type = spiking ? NeuronType{neurons::Lif{.amplitude = 0.02}} : NeuronType{neurons::LifRate{.amplitude = 0.02}};
    VectorD gain(4), bias(4);
    gain << 1.5, 0.8, 2.0, 1.2;
    bias << 2.5, 2.0, 3.0, 2.2;  // above threshold for |in| < 0.6: off lif_rate's kink
    networks::EnsembleOptions o{.n_neurons = 4, .dimensions = 2, .neuron_type = type, .seed = 2};
    o.gain = gain;
    o.bias = bias;
    o.trainable = true;
    const auto e = networks::ensemble(g.net, "a", o);
    auto out = g.net.node("out", 2);
    g.net.connect(x, e.value, {.transform = init::uniform(-0.2, 0.2)});
    MatrixD decoders(4, 2);
    decoders << 0.3, -0.2, 0.1, 0.4, -0.5, 0.2, 0.25, 0.1;
    networks::connect_decoded(g.net, e, out, decoders, {.trainable = false});
    g.net.probe(out, {.name = "out_p"});
    CHECK(check_gradients(g) == 4 + 4);  // x -> a (2x2) and a.bias (4x1)
  }
}

TEST_CASE("gradients: lif_exact_forward runs the exact LIF rate and back-propagates SoftLIF's derivative") {
  // One layer x -> n -> out: J depends on the x -> n weights alone, so their gradient is
  // gain f'(J) (W_out^T c) -- the same whether the forward is smoothed or exact -- while
  // the output is the exact LIFRate's.
  Network net;
  auto x = net.input("x", 3);
  const NeuronType lif = neurons::Lif{.amplitude = 0.02};
  VectorD gain(4), bias(4);
  gain << 1.5, 0.8, 2.0, 1.2;
  bias << 2.5, 0.9, 1.0, 1.1;  // two just below threshold: silent in the exact rate
  auto n = net.neurons("n", lif, gain, bias);
  auto out = net.node("out", 2);
  net.connect(x, n, {.transform = init::uniform(-0.2, 0.2), .name = "in"});
  net.connect(n, out, {.transform = init::glorot_uniform(), .name = "read"});
  net.probe(out, {.name = "p"});
  const Index batch = 3;
  const long steps = 5;
  Rng rng(5);
  const Array3 input = random_array(batch, steps, 3, rng);
  const Array3 coeff = random_array(batch, steps, 2, rng);
  struct Run {
    Array3 output;
    Matrix into_neurons;  // the gradient of the x -> n weights
  };
  auto run = [&](double smoothing, bool exact_forward) {
    Simulator sim(net, {.minibatch = batch, .seed = 2, .rate_twins = true, .lif_smoothing = smoothing, .lif_exact_forward = exact_forward});
    sim.set_input("x", input);
    sim.training_support().set_recording(true);
    sim.run_steps(steps);
    const ParameterGradients gradients = Backprop(sim).run({{"p", coeff}}, {});
    for (const Parameter* p : sim.parameters())
      if (p->name == "in") return Run{sim.probe_data("p"), gradients[static_cast<std::size_t>(p->index)]};
    FAIL("no parameter 'in'");
    return Run{};
  };
  const Run smoothed = run(0.1, false), surrogate = run(0.1, true), exact = run(0.0, false);
  for (Index i = 0; i < exact.output.size(); ++i) CHECK(surrogate.output.data()[i] == exact.output.data()[i]);
  double output_difference = 0.0;
  for (Index i = 0; i < exact.output.size(); ++i)
    output_difference = std::max(output_difference, static_cast<double>(std::abs(smoothed.output.data()[i] - exact.output.data()[i])));
  CHECK(output_difference > 1e-3);  // SoftLIF's rates below threshold
  const Matrix& g_surrogate = surrogate.into_neurons;
  const Matrix& g_smoothed = smoothed.into_neurons;
  const Matrix& g_exact = exact.into_neurons;
  REQUIRE(g_surrogate.size() == 12);
  CHECK(g_surrogate.isApprox(g_smoothed, 1e-5f));
  // The exact rate's own gradient is zero for the silent neurons; SoftLIF's is not.
  CHECK(g_exact.row(1).isZero());
  CHECK(!g_surrogate.row(1).isZero());
}

TEST_CASE("gradients: spiking neurons refuse a backward pass unless run as their rate twins") {
  Network net;
  auto x = net.input("x", 1);
  auto n = net.neurons("n", neurons::Lif{}, VectorD::Constant(2, 2.0), VectorD::Constant(2, 1.0));
  net.connect(x, n, {.transform = init::uniform(-1, 1)});
  net.probe(n, {.name = "n_p"});
  Simulator sim(net, {.minibatch = 2});
  sim.set_input("x", Array3(2, 3, 1));
  sim.training_support().set_recording(true);
  sim.run_steps(3);
  CHECK_THROWS_WITH_AS(Backprop(sim).run({{"n_p", Array3(2, 3, 2)}}),
                       doctest::Contains("lif neurons spike and have no useful gradient"), SimulationError);
}
}  // namespace netsim::test
