// Ensembles (networks/ensemble.h): gain and bias from max_rates and intercepts as Nengo
// derives them (the goldens' derived_gain/derived_bias), every type reaching its max rate
// at the radius, and the decoders of the LstsqL2 solver reading the identity back out.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <memory>

#include <netsim/config/network_file.h>
#include <netsim/netsim.h>
#include <netsim/networks/ensemble.h>

#include "scratch_dir.h"

namespace netsim::test {
namespace {

// The decoded identity's root-mean-square error over `points` values evenly across the
// radius, through the neurons' rates (the rate twin of a spiking type).
double decoded_rmse(const networks::EnsemblePorts& e, const MatrixD& decoders, int points) {
  double sum = 0.0;
  for (int p = 0; p < points; ++p) {
    const double x = e.radius * (-1.0 + 2.0 * p / (points - 1));
    double decoded = 0.0;
    for (Index i = 0; i < e.n_neurons; ++i) {
      const double rate = neuron_rate(e.neuron_type, e.bias[i] + e.gain[i] * e.encoders(i, 0) * x / e.radius);
      decoded += rate * decoders(i, 0);
    }
    sum += (decoded - x) * (decoded - x);
  }
  return std::sqrt(sum / points);
}

}  // namespace

TEST_CASE("ensembles: gain and bias from max_rates and intercepts equal Nengo's") {
  for (const char* name : {"n_rates_intercepts_lif", "n_rates_intercepts_rectifiedlinear"}) {
    CAPTURE(name);
    const YAML::Node e = YAML::LoadFile(std::string(NETSIM_TEST_DATA) + "/golden_neurons/" + name + ".json")["network"]["ensembles"][0];
    const auto rates = e["max_rates"].as<std::vector<double>>(), intercepts = e["intercepts"].as<std::vector<double>>();
    const auto gain = e["derived_gain"].as<std::vector<double>>(), bias = e["derived_bias"].as<std::vector<double>>();
    const NeuronType type = e["neuron_type"]["type"].as<std::string>() == "LIF" ? NeuronType{neurons::Lif{}} : NeuronType{neurons::RectifiedLinear{}};
    for (std::size_t i = 0; i < rates.size(); ++i) {
      double g = 0.0, b = 0.0;
      gain_bias(type, rates[i], intercepts[i], "test", g, b);
      CHECK(g == doctest::Approx(gain[i]).epsilon(1e-12));
      CHECK(b == doctest::Approx(bias[i]).epsilon(1e-12));
    }
  }
}

TEST_CASE("ensembles: every type fires at max_rate at the radius and starts at the intercept") {
  for (const std::string& kind : neuron_type_names()) {
    const NeuronType type = *neuron_type_named(kind);
    CAPTURE(kind);
    double g = 0.0, b = 0.0;
    gain_bias(type, 250.0, -0.3, "test", g, b);
    CHECK(neuron_rate(type, g + b) == doctest::Approx(250.0).epsilon(1e-9));
    if (kind != "sigmoid" && kind != "tanh") {  // those have no threshold
      CHECK(neuron_rate(type, b + g * -0.3 - 1e-9) == doctest::Approx(0.0));
      CHECK(neuron_rate(type, b + g * -0.29) > 0.0);
    } else {
      CHECK(neuron_rate(type, b + g * -0.3) ==
            doctest::Approx(kind == "sigmoid" ? 0.5 / std::get<neurons::Sigmoid>(type).tau_ref : 0.0));
    }
  }
  double g = 0.0, b = 0.0;
  CHECK_THROWS_WITH_AS(gain_bias(neurons::Lif{}, 600.0, 0.0, "ensemble 'a': neuron 1", g, b),
                       "ensemble 'a': neuron 1: max_rate 600 is not below 1/tau_ref = 500 (the fastest a lif neuron can fire)",
                       ValidationError);
}

TEST_CASE("ensembles: solved decoders (LstsqL2) read the identity out of 50 and 200 LIF neurons") {
  // Nengo's defaults: encoders on the unit sphere, max_rates U[200, 400), intercepts
  // U[-1, 0.9), regularisation 0.1 of the largest rate. Measured over seeds 0-4: 50 neurons
  // 0.008-0.011, 200 neurons 0.003-0.005; the bounds are about twice the worst.
  for (const auto& [n, bound] : {std::pair<Index, double>{50, 0.02}, {200, 0.01}}) {
    for (std::uint64_t seed = 0; seed < 5; ++seed) {
      Network net;
      const auto e = networks::ensemble(net, "a", {.n_neurons = n, .dimensions = 1, .seed = seed});
      const MatrixD d = networks::solve_decoders(e);
      const double rmse = decoded_rmse(e, d, 401);
      CAPTURE(n);
      CAPTURE(seed);
      MESSAGE(n << " LIF neurons, seed " << seed << ": RMSE of the decoded identity " << rmse);
      CHECK(rmse < bound);
    }
  }
}

TEST_CASE("ensembles: a decoded connection is its neurons through T D^T, and bad decoders are refused") {
  Network net;
  const auto e = networks::ensemble(net, "a", {.n_neurons = 3, .dimensions = 2, .neuron_type = neurons::RectifiedLinear{}, .seed = 1});
  auto y = net.node("y", 1);
  MatrixD d(3, 2);
  d << 1, 2, 3, 4, 5, 6;
  MatrixD t(1, 2);
  t << 0.5, -1.0;
  const Connection& c = networks::connect_decoded(net, e, y, d, {.transform = Transform::dense(t)});
  CHECK(c.pre.name == "a.neurons");
  CHECK(c.name == "a.neurons->y");
  REQUIRE(c.transform.kind() == Transform::Kind::dense);
  CHECK(c.transform.matrix().isApprox(t * d.transpose()));
  // Dimension 1 alone (Nengo's a[1]).
  const Connection& one = networks::connect_decoded(net, e, y, d, {.name = "second"}, Slice::index(1));
  CHECK(one.transform.matrix().isApprox(d.col(1).transpose()));
  CHECK_THROWS_WITH_AS(networks::connect_decoded(net, e, y, MatrixD::Ones(2, 2)),
                       doctest::Contains("decoders: expected 3 rows of 2 (n_neurons x dimensions of ensemble 'a'), got 2x2"), ValidationError);
  CHECK_THROWS_WITH_AS(networks::ensemble(net, "b", {.n_neurons = 2, .gain = VectorD::Ones(2)}),
                       doctest::Contains("bias: expected 2 values"), ValidationError);
  // Sizes that would take gigabytes are refused before anything is allocated.
  CHECK_THROWS_WITH_AS(networks::ensemble(net, "huge", {.n_neurons = Index{1} << 23, .dimensions = 4}),
                       doctest::Contains("need more than 16777216 encoder values"), ValidationError);
  // No evaluation point in any neuron's firing range: a clear error, not zero decoders.
  const auto silent = networks::ensemble(net, "silent", {.n_neurons = 4, .intercepts = VectorD::Constant(4, 0.95),
                                                         .eval_points = MatrixD::Constant(3, 1, 0.5)});
  CHECK_THROWS_WITH_AS(networks::solve_decoders(silent), doctest::Contains("ensemble 'silent': decoders: every neuron's rate is zero"),
                       ValidationError);
}

TEST_CASE("ensembles: a trainable bias runs as the fixed one and trains as NAME.bias (bias / gain)") {
  for (const NeuronType& kind : {NeuronType{neurons::LifRate{}}, NeuronType{neurons::RectifiedLinear{}}, NeuronType{neurons::Tanh{}}}) {
    CAPTURE(to_string(kind));
    std::unique_ptr<Simulator> sims[2];
    for (int trainable = 0; trainable < 2; ++trainable) {
      Network net;
      auto u = net.sequence("u", MatrixD(VectorD::LinSpaced(20, -1.0, 1.0)));
      networks::EnsembleOptions o{.n_neurons = 7, .dimensions = 1, .neuron_type = kind, .seed = 4};
      o.trainable = trainable == 1;
      const auto e = networks::ensemble(net, "a", o);
      net.connect(u, e.value);
      net.probe(e.neurons, {.name = "spikes"});
      if (o.trainable) {
        const Connection* bias = nullptr;
        for (const Connection& c : net.connections())
          if (c.name == "a.bias") bias = &c;
        REQUIRE(bias != nullptr);
        CHECK(bias->trainable);
        CHECK(bias->pre.name == "a.one");
        CHECK(bias->transform.matrix().col(0).isApprox((e.bias.array() / e.gain.array()).matrix()));
        const Node* neurons = net.find_node("a.neurons");
        REQUIRE(neurons != nullptr);
        REQUIRE(neurons->as<NeuronsNode>() != nullptr);
        CHECK(neurons->as<NeuronsNode>()->bias.isZero());
      }
      sims[trainable] = std::make_unique<Simulator>(net, SimulatorOptions{.minibatch = 2});
      sims[trainable]->run_steps(20);
    }
    const Array3 fixed = sims[0]->probe_data("spikes"), trained = sims[1]->probe_data("spikes");
    REQUIRE(fixed.size() == trained.size());
    double largest = 0.0, worst = 0.0;
    for (Index i = 0; i < fixed.size(); ++i) {
      largest = std::max(largest, std::abs(static_cast<double>(fixed.data()[i])));
      worst = std::max(worst, std::abs(static_cast<double>(fixed.data()[i]) - trained.data()[i]));
    }
    CHECK(largest > 0.0);
    CHECK(worst <= 1e-5 * largest);  // gain (in + bias/gain) vs gain in + bias: float rounding
  }
  Network net;
  CHECK_THROWS_WITH_AS(networks::ensemble(net, "z", {.n_neurons = 2, .gain = VectorD::Zero(2), .bias = VectorD::Ones(2), .trainable = true}),
                       doctest::Contains("ensemble 'z': trainable: a trainable bias trains as bias / gain, but neuron 0 has gain 0"),
                       ValidationError);
}

}  // namespace netsim::test

namespace netsim::test {

TEST_CASE("neuron types: a type made in C++ has its own Nengo defaults, the same as YAML's") {
  // NeuronType{.kind = tanh} once kept lif's tau_ref 0.002 instead of Tanh's 0.0025; a type
  // is now its record, whose members start at Nengo's defaults.
  CHECK(neurons::Tanh{}.tau_ref == 0.0025);
  CHECK(neurons::Sigmoid{}.tau_ref == 0.0025);
  CHECK(neurons::Lif{}.tau_ref == 0.002);
  CHECK(neurons::LifRate{}.tau_rc == 0.02);
  CHECK(neurons::AdaptiveLif{}.tau_n == 1.0);
  CHECK(neurons::AdaptiveLifRate{}.inc_n == 0.01);
  CHECK(neuron_rate(neurons::Tanh{}, 0.5) == doctest::Approx(std::tanh(0.5) / 0.0025));
  for (const std::string& name : neuron_type_names()) {  // YAML's `neuron_type: NAME` is the record's defaults
    CAPTURE(name);
    const NeuronType named = *neuron_type_named(name);
    CHECK(to_string(named) == name);
    NeuronType changed = named;
    for (const std::string& parameter : parameter_names(named)) CHECK(set_parameter(changed, parameter, 0.5));
    CHECK_FALSE(set_parameter(changed, "no_such_parameter", 0.5));
    CHECK(neuron_rate(named, 1.7) == neuron_rate(std::visit([](auto t) -> NeuronType { return decltype(t){}; }, named), 1.7));
  }
  NeuronType given = neurons::Sigmoid{.tau_ref = 0.01};  // a value given is kept
  CHECK(std::get<neurons::Sigmoid>(given).tau_ref == 0.01);
}

}  // namespace netsim::test

namespace netsim::test {

TEST_CASE("ensembles: probe_decoded in C++ records what a YAML probe on the ensemble records") {
  const ScratchDir dir;
  const auto file = config::load_network_file(dir.write("net.yaml", R"(netsim: 1
dt: 0.001
nodes:
  u: {sequence: [[0.5, -0.25], [0.1, 0.9], [-0.7, 0.3]]}
  a: {ensemble: {n_neurons: 40, dimensions: 2, neuron_type: lif_rate, seed: 4}}
connections:
  - {from: u, to: a}
probes:
  p: {target: a, synapse: 0.01}
  q: {target: "a[1]"}
)"));
  Network net;
  const NodeRef u = net.sequence("u", MatrixD{{0.5, -0.25}, {0.1, 0.9}, {-0.7, 0.3}});
  const auto a = networks::ensemble(net, "a",
                                    {.n_neurons = 40,
                                     .dimensions = 2,
                                     .neuron_type = neurons::LifRate{},
                                     .seed = 4});
  net.connect(u, a.value);
  networks::probe_decoded(net, a, {.name = "p", .synapse = Synapse::lowpass(0.01)});
  networks::probe_decoded(net, a, {.name = "q"}, Slice::index(1));
  Simulator from_yaml(file.network, {.dt = 0.001}), from_cpp(net, {.dt = 0.001});
  from_yaml.run_steps(20);
  from_cpp.run_steps(20);
  for (const char* probe : {"p", "q"}) {
    CAPTURE(probe);
    const Array3 y = from_yaml.probe_data(probe), c = from_cpp.probe_data(probe);
    REQUIRE(y.size() == c.size());
    double largest = 0.0;
    for (Index i = 0; i < y.size(); ++i) {
      CHECK(y.data()[i] == c.data()[i]);
      largest = std::max(largest, static_cast<double>(std::abs(y.data()[i])));
    }
    CHECK(largest > 0.05);  // a decoded value, not zeros
  }
}

}  // namespace netsim::test
