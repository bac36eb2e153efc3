// Every file in tests/data/bad/ (listed with its expected diagnostic in expected.txt) must
// make `netsim validate` and `netsim run` exit with status 2, print that diagnostic at that
// line and column, and write nothing.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "apps/netsim_command.h"
#include "scratch_dir.h"

namespace netsim::test {
namespace {

struct BadFile {
  std::string file;
  std::string location;  // "LINE:COL"
  std::string message;
};

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(' ');
  const auto b = s.find_last_not_of(' ');
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::vector<BadFile> expectations() {
  std::ifstream in(std::string(NETSIM_TEST_DATA) + "/bad/expected.txt");
  std::vector<BadFile> list;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto a = line.find(" | ");
    const auto b = line.find(" | ", a + 3);
    list.push_back({trim(line.substr(0, a)), trim(line.substr(a + 3, b - a - 3)), line.substr(b + 3)});
  }
  return list;
}

// expected.txt's placeholders: {bad} the folder of the bad files, {version} netsim's version.
std::string expand(std::string message) {
  for (const auto& [key, value] :
       {std::pair<std::string, std::string>{"{bad}", std::string(NETSIM_TEST_DATA) + "/bad"},
        {"{version}", NETSIM_PROJECT_VERSION}})
    for (auto at = message.find(key); at != std::string::npos;
         at = message.find(key, at + value.size()))
      message.replace(at, key.size(), value);
  return message;
}

void check_rejected(const std::string& path, const std::string& location, const std::string& message) {
  const ScratchDir scratch;
  const std::string out = scratch.file("out");
  const std::string expected = path + ":" + location + ": error: " + expand(message);
  for (const std::string command : {"validate", "run"}) {
    CAPTURE(command);
    const CommandResult r = command == std::string("run") ? run_netsim({"run", path, "--out", out, "--steps", "3"})
                                                          : run_netsim({"validate", path});
    CHECK(r.exit_code == 2);
    // A whole line: a message that grew (a key added to a list) must be updated here.
    CHECK_MESSAGE(r.err.find(expected + "\n") != std::string::npos,
                  "expected: " << expected << "\ngot: " << r.err);
    CHECK(r.out.empty());
    CHECK_FALSE(std::filesystem::exists(out));
  }
}

}  // namespace

TEST_CASE("bad network files: located diagnostic, exit status 2, no output") {
  const auto list = expectations();
  REQUIRE(list.size() >= 25);
  for (const auto& bad : list) {
    SUBCASE(bad.file.c_str()) {
      check_rejected(std::string(NETSIM_TEST_DATA) + "/bad/" + bad.file, bad.location, bad.message);
    }
  }
}

TEST_CASE("bad network files: every file in tests/data/bad/ has an expectation") {
  std::set<std::string> listed;
  for (const auto& bad : expectations()) listed.insert(bad.file);
  for (const auto& entry : std::filesystem::directory_iterator(std::string(NETSIM_TEST_DATA) + "/bad")) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".yaml") CHECK_MESSAGE(listed.count(name) == 1, name << " is not in expected.txt");
  }
}

TEST_CASE("bad network files: docs/yaml.md's example diagnostics are the program's own") {
  // Each example line `net.yaml:L:C: error: MESSAGE` in the docs must be the diagnostic of
  // some file in tests/data/bad/ (which the case above checks against the program).
  std::set<std::string> real;
  for (const auto& bad : expectations())
    real.insert(bad.location + ": error: " + expand(bad.message));
  std::ifstream doc(std::string(NETSIM_TEST_DATA) + "/../../docs/yaml.md");
  REQUIRE(doc);
  int examples = 0;
  for (std::string line; std::getline(doc, line);) {
    if (!line.starts_with("net.yaml:")) continue;
    ++examples;
    CHECK_MESSAGE(real.count(line.substr(9)) == 1,
                  "docs/yaml.md shows a diagnostic the program does not give: " << line);
  }
  CHECK(examples >= 4);
}

TEST_CASE("bad network files: a 50 MB file is refused before parsing") {
  const ScratchDir scratch;
  std::string text = "netsim: 1\nnodes:\n  s: {sequence: [";
  const std::string chunk = "0.123456789, ";
  text.reserve(50u << 20);
  while (text.size() < (50u << 20)) text += chunk;
  text += "0]}\n";
  const std::string path = scratch.write("huge.yaml", text);
  check_rejected(path, "1:1",
                 "expected a network file under 16 MiB, got 50.0 MiB; keep large arrays in .npy "
                 "files ({file: data.npy})");
}

TEST_CASE("bad network files: a missing network file names the file") {
  const CommandResult r = run_netsim({"validate", "/nonexistent/net.yaml"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/nonexistent/net.yaml: error: cannot read: No such file or directory") != std::string::npos);
}

}  // namespace netsim::test
