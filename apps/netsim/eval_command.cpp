// netsim eval FILE.yaml --params P.npz: loss and accuracy of trained weights on a split.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "command_line.h"
#include "commands.h"
#include "json_writer.h"
#include "netsim/builder/parameter_file.h"
#include "training_job.h"
#include "training_progress.h"

namespace netsim::cli {
namespace {

constexpr const char* kHelp = R"(usage: netsim eval FILE.yaml --params P.npz [options]

Evaluates the weights in P.npz (best.npz or params.npz of netsim train) on one split of
FILE's data: section, with the losses of its train: section.

options:
  --params P.npz   the weights (required)
  --split S        test, validation or train (default: test if the data has one, else validation)
  --minibatch B    sequences simulated together (default: train.minibatch, run.minibatch, else 32)
  --threads T      worker threads (default: run.threads, else every core)
  --json           print the metrics as one JSON object on stdout
  --quiet          no progress bar
  --help           this text
)";

}  // namespace

int eval_command(const std::vector<std::string>& args) {
  const CommandLine cl("eval", args,
                       {{"params"}, {"split"}, {"minibatch"}, {"threads"}, {"json", false}, {"quiet", false}, {"help", false}});
  if (cl.flag("help")) {
    std::cout << kHelp;
    return 0;
  }
  const auto params = cl.value("params");
  if (!params) throw UsageError("netsim eval: expected --params P.npz (the weights to evaluate)");
  std::optional<config::Split> split;
  if (const auto s = cl.value("split")) {
    if (*s == "test") split = config::Split::test;
    else if (*s == "validation") split = config::Split::validation;
    else if (*s == "train") split = config::Split::train;
    else throw UsageError("--split: expected test, validation or train, got \"" + *s + "\"");
  }
  TrainingJob job = prepare_training_job("eval", cl);
  Simulator sim(job.file.network, job.simulator);
  load_params(sim, *params);

  const auto start = std::chrono::steady_clock::now();
  std::vector<config::Split> wanted = split ? std::vector{*split} : std::vector{config::Split::test, config::Split::validation};
  config::Datasets data = config::load_datasets(*job.file.data, wanted);
  const Dataset* chosen = nullptr;
  config::Split used = config::Split::test;
  for (config::Split s : wanted) {
    const auto& d = s == config::Split::train ? data.train : s == config::Split::validation ? data.validation : data.test;
    if (d && !chosen) {
      chosen = &*d;
      used = s;
    }
  }
  if (!chosen) {
    throw ValidationError(job.file.path + ": data: expected a " + (split ? config::to_string(*split) : std::string("test or validation")) +
                          " split to evaluate on");
  }
  Trainer trainer(sim, job.trainer);
  TrainingProgress progress(cl.flag("json") ? stderr : stdout, cl.flag("quiet"));
  const Metrics m = trainer.evaluate(*chosen, [&](Index done, Index total) { progress.evaluation(done, total); });
  progress.end_line();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (cl.flag("json")) {
    JsonWriter json;
    json.begin_object()
        .field("split", config::to_string(used))
        .field("params_file", *params)
        .field("sequences", static_cast<long long>(m.sequences))
        .field("loss", m.loss);
    if (m.accuracy) json.field("accuracy", *m.accuracy);
    json.field("seconds", seconds).end_object();
    std::cout << json.str();
  } else {
    std::printf("%s: %s (%ld sequences, %.1f s)\n", config::to_string(used).c_str(), format_metrics(m).c_str(),
                static_cast<long>(m.sequences), seconds);
  }
  return 0;
}

}  // namespace netsim::cli
