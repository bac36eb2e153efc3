// Nengo's neuron types and ensembles (tests/data/golden_neurons/, recorded from the Nengo 4.1
// reference simulator) as network files with ensemble: entries
// (tests/data/golden_neurons_yaml/, from scripts/golden_neurons_to_yaml.py): `netsim run`
// must reproduce every probe to 1e-5 absolute, and spike trains exactly.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>

#include "apps/netsim_command.h"
#include "netsim/core/npz.h"
#include "scratch_dir.h"

namespace netsim::test {
namespace {

void check_neuron_case(const std::string& stem) {
  CAPTURE(stem);
  const YAML::Node golden = YAML::LoadFile(std::string(NETSIM_TEST_DATA) + "/golden_neurons/" + stem + ".json");
  const ScratchDir scratch;
  const CommandResult r = run_netsim({"run", std::string(NETSIM_TEST_DATA) + "/golden_neurons_yaml/" + stem + ".yaml", "--out",
                                      scratch.file("out"), "--quiet"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const NamedArrays probes = read_npz(scratch.file("out/probes.npz"));
  const YAML::Node expected_probes = golden["probe_data"];
  REQUIRE(probes.size() == expected_probes.size());
  for (const auto& [name, got] : probes) {
    CAPTURE(name);
    const auto expected = expected_probes[name].as<std::vector<std::vector<double>>>();
    REQUIRE(got.shape == std::vector<Index>{1, static_cast<Index>(expected.size()), static_cast<Index>(expected[0].size())});
    // A spike train (a neurons probe of a spiking type without synapse) is compared exactly:
    // every spike in the same step.
    bool spikes = true;
    double worst = 0.0;
    std::size_t different_spikes = 0;
    for (std::size_t s = 0; s < expected.size(); ++s) {
      for (std::size_t i = 0; i < expected[s].size(); ++i) {
        const double want = expected[s][i], have = got.values[s * expected[s].size() + i];
        worst = std::max(worst, std::abs(have - want));
        spikes = spikes && (want == 0.0 || want >= 100.0);
        different_spikes += (want >= 100.0) != (have >= 100.0) ? 1 : 0;
      }
    }
    if (spikes) CHECK(different_spikes == 0);
    // Relative to the probe's scale for rates in the hundreds (1e-5 of 400 Hz = 4e-3 Hz).
    double scale = 1.0;
    for (const auto& row : expected)
      for (double v : row) scale = std::max(scale, std::abs(v));
    CHECK(worst <= 1e-5 * scale);
    MESSAGE(name << ": worst difference " << worst << " (scale " << scale << ")");
  }
}

}  // namespace

TEST_CASE("netsim run on the neuron golden files reproduces Nengo's neurons and ensembles") {
  const std::string dir = std::string(NETSIM_TEST_DATA) + "/golden_neurons_yaml";
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string stem = entry.path().stem().string();
    SUBCASE(stem.c_str()) { check_neuron_case(stem); }
    ++cases;
  }
  CHECK(cases == 11);
}

}  // namespace netsim::test
