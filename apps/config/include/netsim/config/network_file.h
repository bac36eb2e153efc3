#pragma once
// A network file: the YAML description of a Network plus how to run it (docs/yaml.md).
//
//   auto file = netsim::config::load_network_file("examples/psmnist_lmu.yaml");
//   netsim::Simulator sim(file.network, file.simulator_options());
//
// load_network_file reports every problem it finds at once, before anything runs, as a
// ConfigError whose lines read "FILE:LINE:COL: error: key.path: expected ..., got ...".
// Relative file paths inside the YAML resolve against the YAML file's folder.

#include <cstdint>
#include <optional>
#include <string>

#include "netsim/builder/simulator.h"
#include "netsim/config/diagnostic.h"
#include "netsim/config/training_settings.h"
#include "netsim/core/network.h"

namespace netsim::config {

// The `run:` section; unset fields fall back to the command line or to defaults.
struct RunSettings {
  std::optional<long> steps;
  std::optional<Index> minibatch;
  int unroll = 1;
  int threads = 0;  // 0: every hardware thread
  RewriteOptions rewrites;  // time-parallel rewrites (netsim/builder/rewrites.h)
};

struct NetworkFile {
  std::string path;    // as given
  std::string folder;  // where relative paths resolve
  double dt = 0.001;
  std::uint64_t seed = 0;
  RunSettings run;
  Network network;
  std::optional<DataSettings> data;    // the data: section
  std::optional<TrainSettings> train;  // the train: section

  // dt, seed, unroll, threads and rewrites from the file; the minibatch given (default 1).
  SimulatorOptions simulator_options(Index minibatch = 1) const;
};

// Files larger than this are refused before parsing (large arrays belong in .npy files).
constexpr std::size_t kMaxNetworkFileBytes = 16u << 20;

NetworkFile load_network_file(const std::string& path);

// `path` as written in the YAML file, resolved against `folder` unless absolute.
std::string resolve_path(const std::string& folder, const std::string& path);

}  // namespace netsim::config
