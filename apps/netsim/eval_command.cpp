// netsim eval FILE.yaml --params P.npz: loss and accuracy of trained weights on a split.
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "command_line.h"
#include "commands.h"
#include "eval_report.h"
#include "json_writer.h"
#include "netsim/builder/parameter_file.h"
#include "netsim/optimizer/mnist.h"
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
  --report DIR     also write a classification report into DIR: per-class precision,
                   recall, F1 and support, the confusion matrix (text, CSV, image), a grid
                   of misclassified inputs and the learning curve (from --history, or the
                   history.csv beside P.npz) as images; needs python3-matplotlib
  --history H.csv  the training history for the learning curve
  --rates          run spiking neurons as their rate twins, as training does (docs/neurons.md)
  --present N      show each input step for N steps (a spiking network sees each image a while)
  --synapse TAU    read the loss probes through a lowpass synapse of TAU seconds (spikes)
  --neuron-synapse TAU
                   a lowpass synapse of TAU seconds on every connection out of spiking
                   neurons that has none, so the next layer sees filtered spikes
  --overwrite      replace an existing report folder
  --quiet          no progress bar
  --help           this text
)";

}  // namespace

int eval_command(const std::vector<std::string>& args) {
  const CommandLine cl("eval", args,
                       {{"params"}, {"split"}, {"minibatch"}, {"threads"}, {"report"}, {"history"},
                        {"overwrite", false}, {"rates", false}, {"present"}, {"synapse"}, {"neuron-synapse"}, {"json", false}, {"quiet", false}, {"help", false}});
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
  const auto report = cl.value("report");
  std::string history;
  if (report) {
    check_report_possible(*report, cl.flag("overwrite"));
    if (const auto h = cl.value("history")) {
      if (!std::filesystem::is_regular_file(*h)) throw ValidationError("--history " + *h + ": no such file");
      history = *h;
    } else if (const auto beside = std::filesystem::path(*params).parent_path() / "history.csv";
               std::filesystem::is_regular_file(beside)) {
      history = beside.string();
    }
  } else if (cl.value("history") || cl.flag("overwrite")) {
    throw UsageError("netsim eval: --history and --overwrite go with --report DIR");
  }
  TrainingJob job = prepare_training_job("eval", cl);
  if (cl.flag("rates")) {
    job.simulator = job.file.train->with_rate_twins(job.simulator);
  }
  const auto present = cl.integer("present", 1, 1 << 20);
  if (const auto tau = cl.positive_number("synapse")) {
    for (const ProbeLoss& l : job.trainer.losses) job.file.network.set_probe_synapse(l.probe, Synapse::lowpass(*tau));
  }
  if (const auto tau = cl.positive_number("neuron-synapse")) {
    Network& network = job.file.network;
    std::vector<std::string> filtered;
    for (const Connection& c : network.connections()) {
      const Node* pre = network.find_node(c.pre.name);
      const NeuronType* type = pre ? neuron_type_of(*pre) : nullptr;
      if (type && is_spiking(*type) && c.synapse.is_none()) filtered.push_back(c.name);
    }
    for (const std::string& name : filtered) network.set_connection_synapse(name, Synapse::lowpass(*tau));
  }
  Simulator sim(job.file.network, job.simulator);
  load_params(sim, *params);

  const auto start = std::chrono::steady_clock::now();
  std::vector<config::Split> wanted = split ? std::vector{*split} : std::vector{config::Split::test, config::Split::validation};
  config::Datasets data = config::load_datasets(*job.file.data, wanted, report.has_value());
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
  std::optional<Dataset> presented;
  if (present && *present > 1) presented = present_steps(*chosen, static_cast<long>(*present));
  const Dataset& evaluated = presented ? *presented : *chosen;
  Trainer trainer(sim, job.trainer);
  TrainingProgress progress(cl.flag("json") ? stderr : stdout, cl.flag("quiet"));
  std::map<std::string, Array3> outputs;
  const Metrics m = trainer.evaluate(evaluated, [&](Index done, Index total) { progress.evaluation(done, total); },
                                     report ? &outputs : nullptr);
  progress.end_line();
  std::string report_text;
  if (report) {
    // A classification report for the first loss that reads labels, else a regression
    // report for the first loss (mean_squared_error).
    const ProbeLoss* classifier = nullptr;
    for (const ProbeLoss& l : job.trainer.losses)
      if (!classifier && takes_labels(l.kind)) classifier = &l;
    const ProbeLoss& scored = classifier ? *classifier : job.trainer.losses.front();
    ReportRequest request;
    request.folder = *report;
    request.overwrite = cl.flag("overwrite");
    request.title = "network \"" + job.file.network.name() + "\" (" + job.file.path + "), weights " + *params + ", " +
                    config::to_string(used) + " split: " + std::to_string(m.sequences) + " sequences, probe '" + scored.probe +
                    "' (" + to_string(scored.kind) + ")";
    request.outputs = &outputs.at(scored.probe);
    request.history_csv = history;
    if (classifier) {
      request.labels = &chosen->targets.at(scored.probe);
      request.inputs = &chosen->inputs.begin()->second;
      if (const auto& mnist = job.file.data->mnist) {  // the digits as read, not the preprocessed sequences
        request.inputs = &chosen->inputs.at(mnist->input);
        if (const auto& images = data.images(used)) request.images = &*images;
        else if (mnist->sequences.permutation_seed) request.permutation = pixel_permutation(784, *mnist->sequences.permutation_seed);
      }
      request.scores_are_logits = scored.kind == LossKind::sparse_categorical_crossentropy;
      report_text = write_report(request);
    } else {
      request.targets = &chosen->targets.at(scored.probe);
      report_text = write_regression_report(request);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (cl.flag("json")) {
    JsonWriter json;
    json.begin_object()
        .field("split", config::to_string(used))
        .field("params_file", *params)
        .field("sequences", static_cast<long long>(m.sequences))
        .field("loss", m.loss);
    if (m.accuracy) json.field("accuracy", *m.accuracy);
    if (report) json.field("report", *report);
    json.field("seconds", seconds).end_object();
    std::cout << json.str();
  } else {
    std::printf("%s: %s (%ld sequences, %.1f s)\n", config::to_string(used).c_str(), format_metrics(m).c_str(),
                static_cast<long>(m.sequences), seconds);
    if (report) std::printf("\n%s\nreport written to %s\n", report_text.c_str(), report->c_str());
  }
  return 0;
}

}  // namespace netsim::cli
