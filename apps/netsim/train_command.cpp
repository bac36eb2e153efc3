// netsim train FILE.yaml: fit the network to the file's data with its train: settings.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "command_line.h"
#include "commands.h"
#include "netsim/builder/parameter_file.h"
#include "netsim/core/atomic_file.h"
#include "netsim/optimizer/data_parallel.h"
#include "output_folder.h"
#include "rank_options.h"
#include "train_summary.h"
#include "training_job.h"
#include "training_progress.h"

namespace netsim::cli {
namespace {

constexpr const char* kHelp = R"(usage: netsim train FILE.yaml [options]

Trains the network on the datasets of FILE's data: section with its train: section
(docs/yaml.md, "Training"), then evaluates it on the test split if there is one.
Writes into the output folder, after every epoch:
  history.csv      epoch, loss, accuracy, val_loss, val_accuracy, learning_rate, seconds
  checkpoint.npz   weights + optimizer state: what --resume continues from
  best.npz         the weights of the best epoch (by train.monitor), for netsim eval/run
  params.npz       the weights at the end
  train.json       final metrics, timings and memory (at the end)

options:
  --epochs N       total epochs, counting those before a --resume (default: train.epochs)
  --minibatch B    sequences per update (default: train.minibatch, run.minibatch, else 32)
  --out DIR        output folder (default: FILE's name with .train, in the current folder)
  --resume         continue the training in DIR from its checkpoint.npz
  --overwrite      start over although DIR holds an earlier training
  --params P.npz   start from these weights instead of the initialisers'
  --threads T      worker threads (default: run.threads, else every core)
  --json           print the final metrics as one JSON object on stdout
  --quiet          no progress bar and no per-epoch lines
  --help           this text
)";

std::string default_out(const std::string& file) {
  return std::filesystem::path(file).stem().string() + ".train";
}

}  // namespace

int train_command(const std::vector<std::string>& args, Communicator* ranks) {
  // Data-parallel (mpirun -np N, docs/distributed.md): every rank runs this function; rank
  // 0 alone prints and writes. Each block that may fail on one rank only ends in
  // on_every_rank, so all ranks stop together with one message.
  const bool lead = !ranks || ranks->rank() == 0;
  std::optional<CommandLine> cl;
  std::optional<TrainingJob> job;
  std::optional<OutputFolder> out;
  std::optional<config::Datasets> data;
  std::optional<Simulator> sim;
  std::optional<Trainer> trainer;
  std::optional<long long> epochs_arg;
  Index global_minibatch = 0;
  double load_seconds = 0.0;
  bool help = false;
  on_every_rank(ranks, [&] {
    cl.emplace("train", args,
               std::vector<OptionSpec>{{"epochs"}, {"minibatch"}, {"out"}, {"resume", false}, {"overwrite", false},
                                                {"params"}, {"threads"}, {"json", false}, {"quiet", false}, {"help", false}});
    help = cl->flag("help");
    if (help) return;
    epochs_arg = cl->integer("epochs", 1, 1 << 20);
    job = prepare_training_job("train", *cl);
    const std::string path = job->file.path;
    const bool resume = cl->flag("resume");
    if (resume && cl->flag("overwrite")) throw UsageError("netsim train: --resume and --overwrite exclude each other");
    if (resume && cl->value("params")) throw UsageError("netsim train: --resume continues from the checkpoint; drop --params");
    if (lead) {
      out.emplace(cl->value("out").value_or(default_out(path)));
      if (!resume && !cl->flag("overwrite") && std::filesystem::exists(std::filesystem::path(out->path()) / "checkpoint.npz")) {
        throw UsageError("netsim train: " + out->path() + " holds an earlier training (checkpoint.npz); pass --resume to " +
                         "continue it, --overwrite to start over, or --out DIR for a new folder");
      }
    }
    const auto load_start = std::chrono::steady_clock::now();
    data = config::load_datasets(*job->file.data, {config::Split::train, config::Split::validation, config::Split::test});
    if (!data->train) throw ValidationError(path + ": data: expected a train: split (or mnist:) to train on");
    load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();

    global_minibatch = job->simulator.minibatch;
    // Spiking neurons train as their rate twins (docs/neurons.md); run and eval spike.
    sim.emplace(job->file.network, options_for_rank(job->file.train->with_rate_twins(job->simulator), ranks));
    // Rank 0's weights go to every rank when fit() starts.
    if (const auto params = cl->value("params"); params && lead) load_params(*sim, *params);
    TrainerOptions trainer_options = job->trainer;
    trainer_options.communicator = ranks;
    trainer_options.global_minibatch = global_minibatch;
    trainer.emplace(*sim, trainer_options);
  });
  if (help) {
    if (lead) std::cout << kHelp;
    return 0;
  }
  const std::string path = job->file.path;
  const bool quiet = cl->flag("quiet") || !lead;
  const bool json_mode = cl->flag("json");
  std::FILE* summary = json_mode ? stderr : stdout;
  TrainingProgress progress(summary, quiet);
  const Index batches = (data->train->size("training data") + global_minibatch - 1) / global_minibatch;
  if (!quiet) {
    const std::string parallel = ranks ? " on " + std::to_string(ranks->size()) + " ranks" : std::string();
    std::fprintf(summary, "training %s: %ld sequences of %ld steps, minibatch %ld (%ld updates per epoch)%s%s\n",
                 job->file.network.name().c_str(), static_cast<long>(data->train->size("training data")),
                 data->train->steps("training data"), static_cast<long>(global_minibatch), static_cast<long>(batches),
                 parallel.c_str(),
                 data->validation ? (", validating on " + std::to_string(data->validation->size("validation data"))).c_str() : "");
  }
  FitOptions fit_options{.epochs = epochs_arg ? static_cast<int>(*epochs_arg) : job->file.train->epochs,
                         .shuffle = job->file.train->shuffle,
                         .seed = job->file.seed,
                         .monitor = job->file.train->monitor,
                         .patience = job->file.train->patience,
                         .out_dir = lead ? out->path() : std::string("(rank 0's)"),
                         .resume = cl->flag("resume"),
                         .on_batch = [&](const BatchProgress& p) { progress.batch(p); },
                         .on_epoch = [&](const EpochRecord& r) { progress.epoch(r, batches); }};
  const auto train_start = std::chrono::steady_clock::now();
  const FitResult fit = trainer->fit(*data->train, data->validation ? &*data->validation : nullptr, fit_options);
  const double train_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - train_start).count();
  if (fit.stopped_early && !quiet) {
    std::fprintf(summary, "stopped early: %s did not improve for %d epochs (best: epoch %d)\n", trainer->monitor().c_str(),
                 job->file.train->patience, fit.best_epoch);
  }
  std::optional<Metrics> test;
  if (data->test) {
    test = trainer->evaluate(*data->test, [&](Index done, Index total) { progress.evaluation(done, total); });
    progress.end_line();
    if (!quiet) std::fprintf(summary, "test: %s (%ld sequences)\n", format_metrics(*test).c_str(), static_cast<long>(test->sequences));
  }

  const std::string json = train_json({.network_file = path,
                                       .fit = &fit,
                                       .monitor = trainer->monitor(),
                                       .test = test,
                                       .minibatch = global_minibatch,
                                       .ranks = ranks ? ranks->size() : 1,
                                       .data_parallel = ranks != nullptr,
                                       .data_load_seconds = load_seconds,
                                       .train_seconds = train_seconds,
                                       .out = lead ? out->path() : std::string()});
  on_every_rank(ranks, [&] {
    if (lead) write_file_atomically(out->file("train.json"), json);
  });
  if (!lead) return 0;
  if (json_mode) {
    std::cout << json;
  } else if (!cl->flag("quiet")) {
    std::printf("trained in %.1f s (peak memory %.0f MiB, %.1f MiB of it recorded for BPTT); wrote %s\n", train_seconds,
                static_cast<double>(peak_memory_bytes()) / (1 << 20), static_cast<double>(fit.recorded_bytes) / (1 << 20),
                out->path().c_str());
  }
  return 0;
}

}  // namespace netsim::cli
