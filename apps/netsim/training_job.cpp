#include "training_job.h"

#include <sys/resource.h>

#include "commands.h"

namespace netsim::cli {

TrainingJob prepare_training_job(const std::string& command, const CommandLine& cl) {
  const std::string path = network_file_argument(command, cl.positional());
  const auto minibatch_arg = cl.integer("minibatch", 1, 1 << 20);
  const auto threads_arg = cl.integer("threads", 0, 1 << 12);
  TrainingJob job{config::load_network_file(path), {}, {}};
  const auto& file = job.file;
  if (!file.data) {
    throw ValidationError(path + ": expected a data: section naming the datasets (docs/yaml.md, \"Training\")");
  }
  if (!file.train) {
    throw ValidationError(path + ": expected a train: section with at least loss: {PROBE: ...} (docs/yaml.md, \"Training\")");
  }
  const Index minibatch = minibatch_arg ? *minibatch_arg : file.train->minibatch.value_or(file.run.minibatch.value_or(32));
  job.simulator = file.simulator_options(minibatch);
  if (threads_arg) job.simulator.threads = static_cast<int>(*threads_arg);
  job.trainer = {.losses = file.train->losses,
                 .update = file.train->update,
                 .schedule = file.train->schedule,
                 .bptt_window = file.train->bptt_window};
  return job;
}

std::size_t peak_memory_bytes() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  return static_cast<std::size_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

}  // namespace netsim::cli
