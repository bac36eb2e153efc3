// The NEF vocabulary in network files (docs/nef.md): seeds as Nengo derives them, given
// evaluation points in units of the radius, and located errors for every bad value.
#include <doctest/doctest.h>

#include <netsim/config/diagnostic.h>
#include <netsim/config/network_file.h>
#include <netsim/netsim.h>

#include "scratch_dir.h"

namespace netsim::test {
namespace {

std::string file_with(const std::string& seed, const std::string& ensemble_extra, const std::string& connection_extra = "") {
  return "netsim: 1\n" + seed + "nodes:\n  a: {ensemble: {n_neurons: 20" + ensemble_extra + "}}\n  y: {size: 1}\n" +
         "connections:\n  - {from: a, to: y" + connection_extra + "}\n";
}

MatrixD decoded_weights(const std::string& yaml) {
  const ScratchDir dir;
  const auto file = config::load_network_file(dir.write("net.yaml", yaml));
  return file.network.find_connection("a.neurons->y")->transform.matrix();
}

std::string errors(const std::string& yaml) {
  const ScratchDir dir;
  try {
    (void)config::load_network_file(dir.write("net.yaml", yaml));
  } catch (const config::ConfigError& e) {
    std::string all;
    for (const auto& d : e.diagnostics()) all += std::to_string(d.line) + ":" + d.path + ": " + d.message + "\n";
    return all;
  }
  return "";
}

}  // namespace

TEST_CASE("NEF files: the file's seed seeds every ensemble without its own, and its own seed wins") {
  const MatrixD s1 = decoded_weights(file_with("seed: 1\n", "")), s1_again = decoded_weights(file_with("seed: 1\n", ""));
  const MatrixD s2 = decoded_weights(file_with("seed: 2\n", ""));
  CHECK(s1.isApprox(s1_again));  // repeatable
  CHECK(!s1.isApprox(s2));       // the file's seed reaches the ensemble's tuning and decoders
  const MatrixD own1 = decoded_weights(file_with("seed: 1\n", ", seed: 7")), own2 = decoded_weights(file_with("seed: 2\n", ", seed: 7"));
  CHECK(own1.isApprox(own2));  // its own seed wins
  CHECK(!own1.isApprox(s1));
}

TEST_CASE("NEF files: given evaluation points are in units of the radius") {
  // With the radius doubled and the points given in units of it, the decoders of the
  // identity are the same up to the factor 2 (the same currents at twice the values).
  const std::string points = ", gain: [1, 2, 1.5, 0.7], bias: [0.5, 1.0, 0.2, 1.2], encoders: [[1], [-1], [1], [-1]], "
                             "neuron_type: lif_rate, eval_points: [[-1], [-0.5], [0], [0.5], [1], [0.25], [-0.75]]";
  auto yaml = [&](const char* radius) {
    return "netsim: 1\nnodes:\n  a: {ensemble: {n_neurons: 4, radius: " + std::string(radius) + points +
           "}}\n  y: {size: 1}\nconnections:\n  - {from: a, to: y}\n";
  };
  const MatrixD one = decoded_weights(yaml("1")), two = decoded_weights(yaml("2"));
  CHECK(two.isApprox(2.0 * one, 1e-9));
}

TEST_CASE("NEF files: bad functions, solvers, distributions, processes and networks are located errors") {
  CHECK(errors(file_with("", ", encoders: {uniform_hyperspere: {surface: true}}")) ==
        "3:nodes.a.ensemble.encoders: unknown distribution 'uniform_hyperspere' (did you mean 'uniform_hypersphere'?); expected one "
        "of uniform, gaussian, choice, uniform_hypersphere, scattered_hypersphere\n");
  CHECK(errors(file_with("", ", max_rates: {uniform: [400, 200]}")).find("3:nodes.a.ensemble.max_rates: uniform: expected finite [low, high] with low <= high") == 0);
  CHECK(errors(file_with("", ", intercepts: {gaussian: [0]}")) == "3:nodes.a.ensemble.intercepts.gaussian: expected two numbers [mean, std], got a list of 1 item\n");
  CHECK(errors(file_with("", "", ", solver: lstsq_l3")) ==
        "6:connections[0].solver: unknown solver 'lstsq_l3' (did you mean 'lstsq_l2'?); expected one of lstsq_l2, lstsq_l2nz, lstsq, "
        "nnls, nnls_l2, nnls_l2nz\n");
  CHECK(errors(file_with("", "", ", solver: {lstsq: {reg: 0.1}}")).find("6:connections[0].solver.lstsq.reg: unknown key") == 0);
  CHECK(errors(file_with("", "", ", solver: {lstsq_l2: {reg: -1}}")) == "6:connections[0].solver.lstsq_l2.reg: expected a number >= 0, got \"-1\"\n");
  CHECK(errors(file_with("", "", ", function: \"x0 +\"")).find("6:connections[0].function: expression 'x0 +': ") == 0);
  CHECK(errors(file_with("", "", ", function: \"log(x - 2)\"")).find("function: not finite at the evaluation point") != std::string::npos);
  CHECK(errors(file_with("", "", ", solver: {lstsq_l2: {weights: true}}")).find("the post must be an ensemble, got 'y'") != std::string::npos);
  CHECK(errors("netsim: 1\nnodes:\n  x: {size: 1}\n  y: {size: 1}\nconnections:\n  - {from: x, to: y, function: x^2}\n")
            .find("only a connection out of an ensemble decodes a function; 'x' is not an ensemble") != std::string::npos);
  CHECK(errors("netsim: 1\nnodes:\n  p: {process: {white_signal: {period: 1}}}\n")
            .find("3:nodes.p.process.white_signal: expected {white_signal: {period: SECONDS, high: HZ}}") == 0);
  CHECK(errors("netsim: 1\nnodes:\n  p: {process: {piecewise: {0: 1, 0.5: [1, 2]}}}\n")
            .find("3:nodes.p.process.piecewise.0.5: expected 1 values, as the first piece") == 0);
  CHECK(errors("netsim: 1\nnodes:\n  p: {process: {white_noise: {dist: {choice: [1, 2]}}}}\n")
            .find("expected {gaussian: [mean, std]} or {uniform: [low, high]}") != std::string::npos);
  CHECK(errors("netsim: 1\nnodes:\n  u: {size: 1}\nnetworks:\n  p: {kind: prodcut, dimensions: 2}\n")
            .find("5:networks.p.kind: unknown network kind 'prodcut' (did you mean 'product'?)") == 0);
  CHECK(errors("netsim: 1\nnodes:\n  u: {size: 1}\nnetworks:\n  p: {kind: product, dimensions: 0}\n")
            .find("5:networks.p.dimensions: expected a positive integer") == 0);
  CHECK(errors("netsim: 1\nnodes:\n  u: {size: 1}\nnetworks:\n  p: {kind: thalamus, ensemble: {gain: [1]}}\n")
            .find("networks.p.ensemble.gain: unknown key") != std::string::npos);
}

}  // namespace netsim::test
