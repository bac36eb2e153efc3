// Spiking networks the NengoDL way through the command line (docs/neurons.md): netsim
// train differentiates the rate twins, netsim eval --rates scores the twins, and eval with
// --present N --synapse TAU scores the spiking network shown each input for N steps.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "apps/netsim_command.h"
#include "netsim/core/atomic_file.h"
#include "netsim/core/error.h"
#include "netsim/core/npy.h"
#include "netsim/core/npz.h"
#include "netsim/core/random.h"
#include "netsim/optimizer/dataset.h"
#include "scratch_dir.h"

namespace netsim::test {
namespace {

// Which quadrant-pair is x in: label 1 when x0 * x1 > 0. One step per sequence.
void write_xor(const ScratchDir& dir, const std::string& name, Index n, std::uint64_t seed) {
  NdArray x{{n, 1, 2}, {}}, y{{n}, {}};
  Rng rng(seed);
  for (Index i = 0; i < n; ++i) {
    const double a = rng.uniform(-1.0, 1.0), b = rng.uniform(-1.0, 1.0);
    x.values.push_back(static_cast<float>(a));
    x.values.push_back(static_cast<float>(b));
    y.values.push_back(a * b > 0 ? 1.0f : 0.0f);
  }
  write_file_atomically(dir.file(name + "_x.npy"), format_npy(x));
  write_file_atomically(dir.file(name + "_y.npy"), format_npy(y));
}

double accuracy_of(const CommandResult& r) {
  const YAML::Node json = YAML::Load(r.out);
  return json["accuracy"].as<double>();
}

}  // namespace

TEST_CASE("netsim train differentiates LIF neurons as rates, eval --present --synapse scores them spiking") {
  const ScratchDir dir;
  write_xor(dir, "train", 600, 1);
  write_xor(dir, "test", 300, 2);
  const std::string file = dir.write("spiking.yaml", R"(netsim: 1
name: spiking_xor
seed: 2
dt: 0.001
nodes:
  x: {input: 2}
  one: {constant: [1.0]}
  h: {size: 32, neurons: {lif: {amplitude: 0.01}}}
  out: {size: 2}
connections:
  - {from: x, to: h, transform: {init: uniform, low: -3, high: 3}}
  - {from: one, to: h, transform: {init: uniform, low: 0, high: 2}}
  - {from: h, to: out, transform: {init: glorot_uniform}}
probes:
  p: {target: out, keep_history: false}
data:
  train: {inputs: {x: train_x.npy}, targets: {p: train_y.npy}}
  test: {inputs: {x: test_x.npy}, targets: {p: test_y.npy}}
train:
  epochs: 30
  minibatch: 30
  lif_smoothing: 0.05
  optimizer: {kind: adam, learning_rate: 0.01}
  loss: {p: sparse_categorical_crossentropy}
)");
  const CommandResult trained = run_netsim({"train", file, "--out", dir.file("run"), "--json", "--quiet"});
  CAPTURE(trained.err);
  REQUIRE(trained.exit_code == 0);
  const double trained_test = YAML::Load(trained.out)["test_accuracy"].as<double>();
  const std::string params = dir.file("run") + "/params.npz";
  const CommandResult rates = run_netsim({"eval", file, "--params", params, "--rates", "--json", "--quiet"});
  REQUIRE(rates.exit_code == 0);
  const CommandResult spikes = run_netsim({"eval", file, "--params", params, "--present", "100", "--synapse", "0.01", "--json", "--quiet"});
  CAPTURE(spikes.err);
  REQUIRE(spikes.exit_code == 0);
  const CommandResult one_step = run_netsim({"eval", file, "--params", params, "--json", "--quiet"});
  REQUIRE(one_step.exit_code == 0);
  MESSAGE("rates " << accuracy_of(rates) << ", spiking (100 steps, 10 ms lowpass) " << accuracy_of(spikes)
                   << ", spiking one step " << accuracy_of(one_step));
  CHECK(accuracy_of(rates) == doctest::Approx(trained_test));  // eval --rates is what train measured
  CHECK(accuracy_of(rates) > 0.9);
  CHECK(accuracy_of(spikes) > 0.85);
  CHECK(accuracy_of(spikes) > accuracy_of(one_step));  // one step of spikes says little
  CHECK(run_netsim({"eval", file, "--params", params, "--synapse", "-1"}).err.find("--synapse: expected a number > 0 (seconds), got \"-1\"") != std::string::npos);
  // --neuron-synapse filters what h's spikes send to out: another loss, still right.
  const CommandResult filtered = run_netsim({"eval", file, "--params", params, "--present", "100", "--synapse", "0.01",
                                             "--neuron-synapse", "0.005", "--json", "--quiet"});
  REQUIRE(filtered.exit_code == 0);
  MESSAGE("spiking with a 5 ms lowpass out of the neurons " << accuracy_of(filtered));
  CHECK(accuracy_of(filtered) > 0.85);
  CHECK(YAML::Load(filtered.out)["loss"].as<double>() != YAML::Load(spikes.out)["loss"].as<double>());
  CHECK(run_netsim({"eval", file, "--params", params, "--neuron-synapse", "x"}).err.find("--neuron-synapse: expected a number > 0") != std::string::npos);
}

TEST_CASE("an ensemble with trainable: true trains its bias as a.bias, and lif_forward: exact trains through the exact rate") {
  const ScratchDir dir;
  write_xor(dir, "train", 600, 3);
  write_xor(dir, "test", 300, 4);
  auto file_with = [&](const std::string& name, bool trainable) {
    return dir.write(name, std::string(R"(netsim: 1
name: xor_ensemble
seed: 1
nodes:
  x: {input: 2}
  a: {ensemble: {n_neurons: 40, dimensions: 2, neuron_type: lif, seed: 3, trainable: )") + (trainable ? "true" : "false") + R"(}}
  out: {size: 2}
connections:
  - {from: x, to: a}
  - {from: a.neurons, to: out, transform: {init: glorot_uniform}}
probes:
  p: {target: out, keep_history: false}
data:
  train: {inputs: {x: train_x.npy}, targets: {p: train_y.npy}}
  test: {inputs: {x: test_x.npy}, targets: {p: test_y.npy}}
train:
  epochs: 10
  minibatch: 30
  lif_smoothing: 0.05
  lif_forward: exact
  optimizer: {kind: adam, learning_rate: 0.01}
  loss: {p: sparse_categorical_crossentropy}
)");
  };
  const std::string fixed = file_with("fixed.yaml", false), trained = file_with("trained.yaml", true);
  const CommandResult with_fixed = run_netsim({"train", fixed, "--out", dir.file("fixed"), "--json", "--quiet"});
  const CommandResult with_trained = run_netsim({"train", trained, "--out", dir.file("trained"), "--json", "--quiet"});
  CAPTURE(with_trained.err);
  REQUIRE(with_fixed.exit_code == 0);
  REQUIRE(with_trained.exit_code == 0);
  const NdArray bias = read_npz_array(dir.file("trained") + "/params.npz", "a.bias");
  CHECK(bias.shape == std::vector<Index>{40, 1});
  CHECK_THROWS(read_npz_array(dir.file("fixed") + "/params.npz", "a.bias"));
  const double fixed_accuracy = YAML::Load(with_fixed.out)["test_accuracy"].as<double>();
  const double trained_accuracy = YAML::Load(with_trained.out)["test_accuracy"].as<double>();
  MESSAGE("xor test accuracy, fixed bias " << fixed_accuracy << ", trained bias " << trained_accuracy);
  CHECK(fixed_accuracy > 0.8);
  CHECK(trained_accuracy > 0.8);
  CHECK(YAML::Load(with_fixed.out)["test_loss"].as<double>() != YAML::Load(with_trained.out)["test_loss"].as<double>());
  // The exact forward is what eval --rates runs: it scores what training measured.
  const CommandResult rates = run_netsim({"eval", trained, "--params", dir.file("trained") + "/params.npz", "--rates", "--json", "--quiet"});
  REQUIRE(rates.exit_code == 0);
  CHECK(accuracy_of(rates) == doctest::Approx(trained_accuracy));
}

TEST_CASE("present_steps shows each input step for N steps and keeps the targets") {
  Dataset d;
  Array3 x(2, 2, 1);
  x(0, 0, 0) = 1, x(0, 1, 0) = 2, x(1, 0, 0) = 3, x(1, 1, 0) = 4;
  d.inputs.emplace("x", x);
  d.targets.emplace("p", NdArray{{2}, {0, 1}});
  const Dataset p = present_steps(d, 3);
  const Array3& shown = p.inputs.at("x");
  REQUIRE(shown.dim(1) == 6);
  const float expected[2][6] = {{1, 1, 1, 2, 2, 2}, {3, 3, 3, 4, 4, 4}};
  for (Index n = 0; n < 2; ++n)
    for (Index k = 0; k < 6; ++k) CHECK(shown(n, k, 0) == expected[n][k]);
  CHECK(p.targets.at("p").values == std::vector<float>{0, 1});
  CHECK_THROWS_AS(present_steps(d, 0), ValidationError);
}

}  // namespace netsim::test
