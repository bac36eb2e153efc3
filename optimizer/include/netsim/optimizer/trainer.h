#pragma once
// Training, evaluation and prediction of a simulated network, Keras style.
//
//   Simulator sim(net, {.dt = 1.0, .minibatch = 50});
//   Trainer trainer(sim, {.losses = {{.probe = "out_p"}},
//                         .update = {.kind = UpdateRuleKind::rmsprop, .learning_rate = 2e-4}});
//   FitResult fit = trainer.fit(train, &validation, {.epochs = 10, .out_dir = "run"});
//   Metrics test_metrics = trainer.evaluate(test);
//
// Each minibatch: reset, run every step recording what the backward pass needs, score the
// probes (loss.h), backpropagate through time (backprop.h), apply the update rule. The
// epoch's order is a permutation drawn from (seed, epoch), so a run resumed from a
// checkpoint sees the same batches as an uninterrupted one. A last, partial minibatch is
// padded with zeros that are never scored.
//
// Files in FitOptions::out_dir (each written atomically, after every epoch):
//   history.csv      epoch, loss, accuracy, val_loss, val_accuracy, learning_rate, seconds
//   checkpoint.npz   weights, update-rule state and trainer counters: what resume reads
//   best.npz         the weights of the best epoch by the monitored metric (a parameter file)
//   params.npz       the weights at the end (a parameter file)
//
// Data-parallel training (docs/distributed.md): with a communicator of several ranks,
// each rank's simulator holds its share of the global minibatch (rank_share in
// data_parallel.h); every rank runs fit() with the same data and options. Rank 0's
// weights (or checkpoint, on resume) go to all; each update sums the ranks' parameter
// gradients in one fused allreduce, so every rank applies the same update; losses and
// accuracies are summed too, validation and test splits shared out. Rank 0 alone writes
// files. An error on any rank stops every rank's fit() with that error (settle_errors).

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "netsim/builder/simulator.h"
#include "netsim/optimizer/backprop.h"
#include "netsim/optimizer/communicator.h"
#include "netsim/optimizer/dataset.h"
#include "netsim/optimizer/learning_rate_schedule.h"
#include "netsim/optimizer/loss.h"
#include "netsim/optimizer/update_rule.h"

namespace netsim {

struct TrainerOptions {
  std::vector<ProbeLoss> losses;
  UpdateRuleOptions update;
  LearningRateSchedule schedule;
  long bptt_window = 0;  // truncated BPTT (backprop.h); 0: full
  // Data-parallel training over these ranks (null: one process); the simulator's
  // minibatch must be this rank's share of `global_minibatch`.
  Communicator* communicator = nullptr;
  Index global_minibatch = 0;  // with a communicator: the sequences per update, all ranks together
};

struct Metrics {
  double loss = 0.0;               // sum over probes of weight * mean loss
  std::optional<double> accuracy;  // of the first classification probe
  Index sequences = 0;
};

struct EpochRecord {
  int epoch = 0;  // 1-based
  Metrics train;
  std::optional<Metrics> validation;
  double learning_rate = 0.0;  // at the epoch's last update
  double seconds = 0.0;
};

struct BatchProgress {
  int epoch = 0, epochs = 0;  // 1-based
  Index batch = 0, batches = 0;
  Metrics running;            // over the epoch's batches so far
  double seconds = 0.0;       // since the epoch began
};

struct FitOptions {
  int epochs = 1;                 // total, counting epochs done before a resume
  bool shuffle = true;
  std::uint64_t seed = 0;
  // "val_accuracy", "val_loss", "accuracy" or "loss"; empty: val_accuracy, or val_loss
  // without a classification loss, without "val_" when there is no validation data.
  std::string monitor;
  int patience = 0;               // early stopping after this many epochs without improvement; 0: off
  std::string out_dir;            // empty: no files
  bool resume = false;            // continue from out_dir/checkpoint.npz
  std::function<void(const BatchProgress&)> on_batch;
  std::function<void(const EpochRecord&)> on_epoch;
};

struct FitResult {
  std::vector<EpochRecord> history;  // every epoch, including those before a resume
  int best_epoch = 0;
  bool stopped_early = false;
  int resumed_from = 0;              // epochs already done when this call began
  std::size_t recorded_bytes = 0;    // forward values held for one minibatch's backward pass
  // Data-parallel: updates made by this call and the seconds spent summing their gradients.
  long updates = 0;
  double gradient_sum_seconds = 0.0;
};

class Trainer {
 public:
  // Throws ValidationError if a loss names an unknown probe or there is no loss.
  Trainer(Simulator& simulator, TrainerOptions options);

  FitResult fit(const Dataset& train, const Dataset* validation, const FitOptions& options);
  // With `outputs`, also keeps every probe's data as predict() returns it (one pass).
  // Data-parallel (without outputs), each rank evaluates its share; the metrics are the
  // whole split's on every rank, and `progress` counts this rank's share.
  Metrics evaluate(const Dataset& data, const std::function<void(Index done, Index total)>& progress = {},
                   std::map<std::string, Array3>* outputs = nullptr);
  // Probe data for every sequence: probe -> (N, samples, size). Targets are not needed.
  std::map<std::string, Array3> predict(const Dataset& data);

  const std::string& monitor() const { return monitor_; }

 private:
  struct BatchResult;
  // One update on the joint minibatch `rows` (dataset rows; this rank runs its share).
  BatchResult train_batch(const Dataset& data, const std::vector<Index>& rows, const std::string& where);
  // Forward (and, if `gradients`, backward) on this rank's `rows` alone; the losses'
  // gradients are averaged over `denominators` pairs (per loss; empty: the rows' own).
  BatchResult run_local_batch(const Dataset& data, const std::vector<Index>& rows, Index row_offset,
                              const std::vector<double>& denominators, ParameterGradients* gradients,
                              const std::string& where);
  // Sums the ranks' gradients in one fused buffer (data-parallel only).
  void sum_gradients(ParameterGradients& gradients);
  void sum_totals(std::vector<LossTotals>& totals);
  // Every rank takes rank 0's weights; throws TrainingError if the ranks' weights differ.
  void broadcast_weights();
  void check_same_weights(const std::string& when);
  bool writes_files() const { return !comm_ || comm_->rank() == 0; }
  // Inputs fit the network's input nodes; targets (required when `need_targets`) fit the
  // losses' probes. Throws ValidationError starting with `where`.
  void check_dataset(const Dataset& data, const std::string& where, bool need_targets) const;
  // Resets and runs the sequences `rows` of `data` (recording for BPTT if asked); returns
  // the steps run.
  long run_forward(const Dataset& data, const std::vector<Index>& rows, bool record, Index row_offset = 0);
  // Copies the probes' data of the minibatch `rows` into `out` (n rows each).
  void collect_probes(const std::vector<Index>& rows, Index n, std::map<std::string, Array3>& out) const;
  // Calls fn with the rows of each minibatch of sequences [begin, end), in dataset order
  // (evaluate, predict).
  void for_each_batch_in_order(Index begin, Index end, const std::function<void(const std::vector<Index>&)>& fn) const;
  std::vector<Parameter*> parameters();

  Simulator& sim_;
  TrainerOptions options_;
  Communicator* comm_ = nullptr;  // null, or more than one rank
  Index global_minibatch_ = 0;
  Index share_first_ = 0;         // this rank's rows of every joint minibatch
  std::vector<float> fused_;      // the gradients' allreduce buffer
  long updates_ = 0;
  double gradient_sum_seconds_ = 0.0;
  UpdateRule rule_;
  Backprop backprop_;
  std::string monitor_;
  int epoch_ = 0;  // the epoch being trained, for messages
  std::size_t recorded_bytes_ = 0;
};

}  // namespace netsim
