// Failing cases found by checks outside the project (tests/data/cases/*/README.md says
// what failed), each trained through the CLI as the user who found it did.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "apps/netsim_command.h"
#include "netsim/core/npz.h"
#include "scratch_dir.h"

namespace netsim::test {
namespace {

// The case folder copied into the scratch folder, its network file with `run.rewrites`
// set as asked; returns the file's path.
std::string case_with_rewrites(const ScratchDir& dir, const std::string& name, bool rewrites) {
  const std::filesystem::path from = std::filesystem::path(NETSIM_TEST_DATA) / "cases" / name;
  const std::filesystem::path to = dir.file(name + (rewrites ? "_on" : "_off"));
  std::filesystem::create_directories(to);
  for (const auto& entry : std::filesystem::directory_iterator(from))
    std::filesystem::copy_file(entry.path(), to / entry.path().filename());
  std::ifstream in(to / "net.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const std::string key = "  rewrites: true\n";
  REQUIRE(yaml.find(key) != std::string::npos);
  if (!rewrites) yaml.replace(yaml.find(key), key.size(), "  rewrites: false\n");
  std::ofstream(to / "net.yaml") << yaml;
  return (to / "net.yaml").string();
}

// Largest |a - b| relative to the largest |a| over every array of two parameter files.
double relative_difference(const std::string& a, const std::string& b) {
  const NamedArrays x = read_npz(a), y = read_npz(b);
  REQUIRE(x.size() == y.size());
  double worst = 0.0, scale = 1e-30;
  for (std::size_t i = 0; i < x.size(); ++i) {
    REQUIRE(x[i].first == y[i].first);
    REQUIRE(x[i].second.values.size() == y[i].second.values.size());
    for (std::size_t k = 0; k < x[i].second.values.size(); ++k) {
      scale = std::max(scale, static_cast<double>(std::abs(x[i].second.values[k])));
      worst = std::max(
          worst, static_cast<double>(std::abs(x[i].second.values[k] - y[i].second.values[k])));
      if (!std::isfinite(y[i].second.values[k])) return INFINITY;
    }
  }
  return worst / scale;
}

}  // namespace

TEST_CASE(
    "outside case lti-unobserved-readers: trains with rewrites on, weights equal to rewrites off") {
  // An LTI memory read by a trainable connection whose target reaches no probe (its work
  // runs on the last step only) and by one whose target feeds a filtered recurrence (every
  // step): the first reader's dL/dz was never written on the other steps.
  const ScratchDir dir;
  const std::string on = case_with_rewrites(dir, "lti-unobserved-readers", true);
  const std::string off = case_with_rewrites(dir, "lti-unobserved-readers", false);
  const CommandResult plain = run_netsim({"train", off, "--out", dir.file("off")});
  CAPTURE(plain.err);
  REQUIRE(plain.exit_code == 0);
  const CommandResult rewritten = run_netsim({"train", on, "--out", dir.file("on")});
  CAPTURE(rewritten.err);
  REQUIRE(rewritten.exit_code == 0);
  const CommandResult described = run_netsim({"describe", on});
  CHECK(described.out.find("node 'm1': LTI memory, never formed") !=
        std::string::npos);  // the rewrite is taken
  CHECK(relative_difference(dir.file("off") + "/params.npz", dir.file("on") + "/params.npz") <=
        1e-5);
}

}  // namespace netsim::test
