// Decoded functions and solvers against Nengo 4.1 (tests/data/golden_nef/, recorded by
// scripts/make_nef_goldens.py with every random choice given): the network file's function:
// and solver: must give Nengo's connection weights to 1e-6 of their largest value, and the
// recorded runs (lif_rate neurons) Nengo's probes to float32 precision.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include <netsim/config/network_file.h>
#include <netsim/netsim.h>
#include <netsim/networks/circular_convolution.h>
#include <netsim/core/distribution.h>
#include <netsim/core/process.h>

#include "scratch_dir.h"

namespace netsim::test {
namespace {

std::string flow(const YAML::Node& node) {
  YAML::Emitter out;
  out << YAML::Flow << YAML::DoublePrecision(17) << node;
  return out.c_str();
}

std::string ensemble_yaml(const YAML::Node& e, bool with_eval_points) {
  std::string s = "{ensemble: {n_neurons: " + e["n_neurons"].as<std::string>() + ", dimensions: " + e["dimensions"].as<std::string>() +
                  ", radius: " + e["radius"].as<std::string>() + ", neuron_type: lif_rate, encoders: " + flow(e["encoders"]) +
                  ", gain: " + flow(e["gain"]) + ", bias: " + flow(e["bias"]);
  if (with_eval_points) s += ", eval_points: " + flow(e["eval_points"]);
  return s + "}}";
}

MatrixD matrix_of(const YAML::Node& rows) {
  const auto v = rows.as<std::vector<std::vector<double>>>();
  MatrixD m(static_cast<Index>(v.size()), static_cast<Index>(v[0].size()));
  for (Index r = 0; r < m.rows(); ++r)
    for (Index c = 0; c < m.cols(); ++c) m(r, c) = v[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
  return m;
}

void check_case(const std::filesystem::path& path) {
  const YAML::Node g = YAML::LoadFile(path.string());
  const std::string name = g["case"].as<std::string>();
  CAPTURE(name);
  const YAML::Node a = g["a"];
  const Index d = a["dimensions"].as<Index>();
  const double radius = a["radius"].as<double>();
  const bool weights = g["weights_solver"].as<bool>();
  const MatrixD nengo = matrix_of(g["weights"]);
  // The input Nengo's run had: 0.9 sin(2 pi 4 t) linspace(1, 0.5, d) times the radius.
  std::string input = "[";
  for (Index i = 0; i < d; ++i) {
    const double scale = d == 1 ? 1.0 : 1.0 - 0.5 * static_cast<double>(i) / static_cast<double>(d - 1);
    input += (i ? ", \"" : "\"") + std::to_string(0.9 * scale * radius) + " * sin(2 * pi * 4 * t)\"";
  }
  input += "]";
  std::ostringstream y;
  y << "netsim: 1\ndt: " << g["dt"].as<double>() << "\nnodes:\n  u: {function: " << input << "}\n  a: " << ensemble_yaml(a, true)
    << "\n";
  if (weights) y << "  b: " << ensemble_yaml(g["b"], false) << "\n";
  else y << "  y: {size: " << nengo.rows() << "}\n";
  const std::string function = g["function"].as<std::string>();  // "[f, g]": one formula per output
  y << "connections:\n  - {from: u, to: a, synapse: none}\n  - {from: a, to: " << (weights ? "b" : "y") << ", function: "
    << (function.front() == '[' ? function : flow(YAML::Node(function))) << ", solver: ";
  std::string solver = g["solver"].as<std::string>();
  if (weights) solver = solver.front() == '{' ? solver.substr(0, solver.size() - 2) + ", weights: true}}" : "{" + solver + ": {weights: true}}";
  y << solver << ", synapse: 0.005";
  if (g["transform"]) y << ", transform: " << flow(g["transform"]);
  y << "}\nprobes:\n  p: " << (weights ? "{target: b.neurons}" : "y") << "\n";
  const ScratchDir dir;
  const auto file = config::load_network_file(dir.write("nef.yaml", y.str()));
  const Connection* c = file.network.find_connection(weights ? "a.neurons->b.neurons" : "a.neurons->y");
  REQUIRE(c);
  MatrixD ours = c->transform.matrix();
  if (weights) {  // netsim's post neurons apply their gains; Nengo's weights hold them
    const auto gain = g["b"]["gain"].as<std::vector<double>>();
    for (Index i = 0; i < ours.rows(); ++i) ours.row(i) *= gain[static_cast<std::size_t>(i)];
  }
  REQUIRE(ours.rows() == nengo.rows());
  REQUIRE(ours.cols() == nengo.cols());
  const double scale = nengo.cwiseAbs().maxCoeff();
  const double worst = (ours - nengo).cwiseAbs().maxCoeff();
  MESSAGE(name << ": weights " << nengo.rows() << "x" << nengo.cols() << ", worst difference " << worst / scale
               << " of the largest (" << scale << ")");
  CHECK(worst <= 1e-6 * scale);
  if (!g["run"]) return;
  const YAML::Node run = g["run"];
  Simulator sim(file.network, file.simulator_options(1));
  sim.run_steps(run["steps"].as<long>());
  const Array3 got = sim.probe_data("p");
  const MatrixD want = matrix_of(run["values"]);
  REQUIRE(got.dim(1) == want.rows());
  REQUIRE(got.dim(2) == want.cols());
  double run_worst = 0.0;
  for (Index k = 0; k < want.rows(); ++k)
    for (Index j = 0; j < want.cols(); ++j) run_worst = std::max(run_worst, std::abs(static_cast<double>(got(0, k, j)) - want(k, j)));
  const double run_scale = std::max(1.0, want.cwiseAbs().maxCoeff());
  MESSAGE(name << ": run of " << want.rows() << " steps, worst difference " << run_worst << " (scale " << run_scale << ")");
  CHECK(run_worst <= 1e-5 * run_scale);
}

}  // namespace

TEST_CASE("decoded functions and solvers equal Nengo 4.1's (tests/data/golden_nef)") {
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(NETSIM_TEST_DATA) + "/golden_nef")) {
    if (entry.path().extension() != ".json" || entry.path().stem() == "networks" || entry.path().stem() == "statistics") continue;
    check_case(entry.path());
    ++cases;
  }
  CHECK(cases >= 11);
}

}  // namespace netsim::test

namespace netsim::test {

TEST_CASE("Nengo's networks: the ensembles and filtered connections Nengo 4.1 builds (tests/data/golden_nef/networks.json)") {
  const YAML::Node golden = YAML::LoadFile(std::string(NETSIM_TEST_DATA) + "/golden_nef/networks.json");
  int checked = 0;
  for (const auto& entry : golden["networks"]) {
    const std::string kind = entry.first.as<std::string>();
    CAPTURE(kind);
    YAML::Node doc;
    doc["netsim"] = 1;
    doc["nodes"]["u"]["size"] = 1;
    doc["networks"]["net"] = entry.second["entry"];
    YAML::Emitter out;
    out << doc;
    const ScratchDir dir;
    const auto file = config::load_network_file(dir.write("net.yaml", out.c_str()));
    std::vector<std::vector<double>> ensembles;
    std::vector<double> taus;
    for (const Node& n : file.network.nodes()) {
      if (n.kind() != NodeKind::neurons) continue;
      const std::string ensemble = n.name.substr(0, n.name.size() - std::string(".neurons").size());
      const Connection* encoders = file.network.find_connection(ensemble + ".encoders");
      REQUIRE(encoders);
      const double radius = 1.0 / encoders->transform.matrix().row(0).norm();
      ensembles.push_back({static_cast<double>(n.size_out), static_cast<double>(file.network.find_node(ensemble)->size_out), radius});
    }
    for (const Connection& c : file.network.connections())
      if (c.synapse.kind() == Synapse::Kind::lowpass && c.synapse.tau() > 0.0) taus.push_back(c.synapse.tau());
    std::sort(ensembles.begin(), ensembles.end());
    std::sort(taus.begin(), taus.end());
    const auto want_ensembles = entry.second["ensembles"].as<std::vector<std::vector<double>>>();
    const auto want_taus = entry.second["synapse_taus"].as<std::vector<double>>();
    REQUIRE(ensembles.size() == want_ensembles.size());
    for (std::size_t i = 0; i < ensembles.size(); ++i) {
      CHECK(ensembles[i][0] == want_ensembles[i][0]);
      CHECK(ensembles[i][1] == want_ensembles[i][1]);
      CHECK(ensembles[i][2] == doctest::Approx(want_ensembles[i][2]).epsilon(1e-12));
    }
    CHECK(taus == want_taus);
    ++checked;
  }
  CHECK(checked == 6);
  for (const auto& c : golden["circular_convolution"]) {
    const Index d = c["dimensions"].as<Index>();
    const bool invert = c["invert"].as<bool>();
    CAPTURE(d);
    CAPTURE(invert);
    CHECK((networks::circular_convolution_transform_in(d, true, invert) - matrix_of(c["in_a"])).cwiseAbs().maxCoeff() < 1e-12);
    CHECK((networks::circular_convolution_transform_in(d, false, invert) - matrix_of(c["in_b"])).cwiseAbs().maxCoeff() < 1e-12);
    CHECK((networks::circular_convolution_transform_out(d) - matrix_of(c["out"])).cwiseAbs().maxCoeff() < 1e-12);
  }
}

}  // namespace netsim::test

namespace netsim::test {

TEST_CASE("distributions and processes have Nengo 4.1's statistics (tests/data/golden_nef/statistics.json)") {
  // netsim draws from its own random stream: the same seed gives other samples than
  // Nengo's, so the statistics over 40 seeds are compared. Scattered points: the mean
  // distance to the nearest neighbour (how evenly they spread) and the closest pair (no
  // clumps); white signals: the mean power (rms^2).
  const YAML::Node golden = YAML::LoadFile(std::string(NETSIM_TEST_DATA) + "/golden_nef/statistics.json");
  const int seeds = golden["seeds"].as<int>();
  for (const auto& c : golden["scattered"]) {
    const Index d = c["d"].as<Index>(), n = c["n"].as<Index>();
    const bool surface = c["surface"].as<bool>();
    double mean_nearest = 0.0, mean_min = 0.0;
    for (int s = 0; s < seeds; ++s) {
      Rng rng(static_cast<std::uint64_t>(s));
      const MatrixD p = sample(ScatteredHypersphere{surface}, n, d, rng);
      double sum = 0.0, smallest = 1e9;
      for (Index i = 0; i < n; ++i) {
        double nearest = 1e9;
        for (Index j = 0; j < n; ++j)
          if (j != i) nearest = std::min(nearest, (p.row(i) - p.row(j)).norm());
        sum += nearest;
        smallest = std::min(smallest, nearest);
      }
      mean_nearest += sum / static_cast<double>(n) / seeds;
      mean_min += smallest / seeds;
    }
    CAPTURE(d);
    CAPTURE(surface);
    MESSAGE("scattered d " << d << std::string(surface ? " surface" : " ball") << ": mean nearest " << mean_nearest << " (Nengo "
                           << c["mean_nearest"].as<double>() << "), closest pair " << mean_min << " (Nengo "
                           << c["mean_min_nearest"].as<double>() << ", independent uniform " << c["uniform_mean_min_nearest"].as<double>()
                           << ")");
    CHECK(mean_nearest == doctest::Approx(c["mean_nearest"].as<double>()).epsilon(0.1));
    CHECK(mean_min > 0.7 * c["mean_min_nearest"].as<double>());
  }
  for (const auto& w : golden["white_signal"]) {
    const WhiteSignal process{.period = w["period"].as<double>(), .high = w["high"].as<double>(), .rms = w["rms"].as<double>()};
    const double dt = w["dt"].as<double>();
    const long steps = std::lround(process.period / dt);
    double mean_square = 0.0;
    for (int s = 0; s < seeds; ++s) {
      const auto signal = process_signal(process, 1, dt, static_cast<std::uint64_t>(s));
      for (long k = 1; k <= steps; ++k) mean_square += signal(k)[0] * signal(k)[0] / static_cast<double>(steps) / seeds;
    }
    MESSAGE("white signal period " << process.period << " high " << process.high << " rms " << process.rms << ": mean power "
                                   << mean_square << " (Nengo " << w["mean_square"].as<double>() << ")");
    CHECK(mean_square == doctest::Approx(w["mean_square"].as<double>()).epsilon(0.15));
  }
}

}  // namespace netsim::test
