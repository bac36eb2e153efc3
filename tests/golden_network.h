#pragma once
// Reads a golden case (tests/data/golden/*.json, produced by the Nengo reference
// simulator) into a netsim Network plus the probe data Nengo recorded. JSON is read with
// yaml-cpp (JSON is YAML).

#include <map>
#include <string>
#include <vector>

#include <netsim/netsim.h>

namespace netsim::test {

struct GoldenCase {
  std::string name;
  double dt = 0.0;
  long steps = 0;
  Network network;
  std::map<std::string, std::vector<std::vector<double>>> probe_data;  // [sample][dim]
  std::map<std::string, std::vector<double>> probe_times;
};

std::string golden_path(const std::string& file);
GoldenCase load_golden(const std::string& file);

}  // namespace netsim::test
