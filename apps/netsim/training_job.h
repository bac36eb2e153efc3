#pragma once
// What netsim train and eval share: the network file with its data: and train: sections
// checked, the simulator and trainer options they imply, and the JSON they report.

#include <optional>
#include <string>

#include "command_line.h"
#include "netsim/config/network_file.h"
#include "netsim/optimizer/trainer.h"

namespace netsim::cli {

struct TrainingJob {
  config::NetworkFile file;
  SimulatorOptions simulator;
  TrainerOptions trainer;
};

// Loads FILE and checks that it has data: and train: sections. Minibatch: --minibatch,
// train.minibatch, run.minibatch, else 32; threads: --threads, else run.threads.
TrainingJob prepare_training_job(const std::string& command, const CommandLine& cl);

// The process's peak resident memory in bytes (0 where unknown).
std::size_t peak_memory_bytes();

}  // namespace netsim::cli
