#pragma once
// train.json: what `netsim train` measured (final metrics, timings, memory), one JSON
// object, written into the output folder and printed by --json.

#include <optional>
#include <string>

#include "netsim/optimizer/trainer.h"

namespace netsim::cli {

struct TrainSummary {
  std::string network_file;
  const FitResult* fit = nullptr;
  std::string monitor;
  std::optional<Metrics> test;
  Index minibatch = 0;  // sequences per update, all ranks together
  int ranks = 1;
  bool data_parallel = false;  // run under MPI (the gradient allreduce is timed)
  double data_load_seconds = 0.0, train_seconds = 0.0;
  std::string out;  // the output folder ("" on ranks other than 0)
};

std::string train_json(const TrainSummary& s);

}  // namespace netsim::cli
