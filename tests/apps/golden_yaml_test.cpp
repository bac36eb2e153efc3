// The golden cases as network files (tests/data/golden_yaml/, from scripts/golden_to_yaml.py):
// `netsim run` must write probes.npz and run.json holding what the Nengo reference recorded.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>

#include "apps/netsim_command.h"
#include "golden_network.h"
#include "netsim/core/npz.h"
#include "scratch_dir.h"

namespace netsim::test {
namespace {

void check_yaml_case(const std::string& case_file) {
  CAPTURE(case_file);
  const GoldenCase g = load_golden(case_file + ".json");
  const ScratchDir scratch;
  const std::string yaml = std::string(NETSIM_TEST_DATA) + "/golden_yaml/" + case_file + ".yaml";
  const CommandResult r = run_netsim({"run", yaml, "--out", scratch.file("out"), "--quiet"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);

  const NamedArrays probes = read_npz(scratch.file("out/probes.npz"));
  const YAML::Node record = YAML::LoadFile(scratch.file("out/run.json"));
  CHECK(record["steps"].as<long>() == g.steps);
  CHECK(record["dt"].as<double>() == g.dt);
  REQUIRE(probes.size() == g.probe_data.size());
  for (const auto& [name, got] : probes) {
    CAPTURE(name);
    const auto& expected = g.probe_data.at(name);
    REQUIRE(got.shape == std::vector<Index>{1, static_cast<Index>(expected.size()), static_cast<Index>(expected[0].size())});
    double worst = 0.0;
    for (std::size_t s = 0; s < expected.size(); ++s)
      for (std::size_t i = 0; i < expected[s].size(); ++i)
        worst = std::max(worst, std::abs(got.values[s * expected[s].size() + i] - expected[s][i]));
    CHECK(worst <= 1e-6);
    // run.json: the probe's shape and the time of every sample.
    const YAML::Node p = record["probes"][name];
    CHECK(p["shape"].as<std::vector<long>>() == std::vector<long>{got.shape[0], got.shape[1], got.shape[2]});
    // Evenly spaced times come as {start, step, count}; others as the list.
    std::vector<double> times;
    const YAML::Node t = p["sample_times"];
    if (t.IsMap()) {
      for (long i = 0; i < t["count"].as<long>(); ++i) times.push_back(t["start"].as<double>() + t["step"].as<double>() * static_cast<double>(i));
    } else {
      times = t.as<std::vector<double>>();
    }
    const auto& expected_times = g.probe_times.at(name);
    REQUIRE(times.size() == expected_times.size());
    for (std::size_t s = 0; s < times.size(); ++s) CHECK(times[s] == doctest::Approx(expected_times[s]).epsilon(1e-12));
  }
}

}  // namespace

TEST_CASE("netsim run on the golden network files reproduces Nengo's probes") {
  const std::string dir = std::string(NETSIM_TEST_DATA) + "/golden_yaml";
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string stem = entry.path().stem().string();
    SUBCASE(stem.c_str()) { check_yaml_case(stem); }
    ++cases;
  }
  CHECK(cases == 20);
}

}  // namespace netsim::test
