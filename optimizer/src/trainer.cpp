#include "netsim/builder/simulator_training.h"
#include "netsim/optimizer/trainer.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <numeric>
#include <sstream>

#include "netsim/core/error.h"
#include "netsim/core/npz.h"
#include "netsim/core/random.h"
#include "netsim/optimizer/checkpoint.h"
#include "netsim/optimizer/data_parallel.h"
#include "netsim/optimizer/epoch_monitor.h"
#include "parallel_elementwise.h"
#include "training_folder.h"

namespace netsim {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

Metrics combine(const std::vector<ProbeLoss>& losses, const std::vector<LossTotals>& totals, Index sequences) {
  Metrics m;
  m.sequences = sequences;
  for (std::size_t i = 0; i < losses.size(); ++i) {
    m.loss += losses[i].weight * totals[i].mean_loss();
    if (!m.accuracy) m.accuracy = totals[i].accuracy();
  }
  return m;
}

std::vector<Index> epoch_order(Index n, bool shuffle, std::uint64_t seed, int epoch) {
  std::vector<Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Index{0});
  if (!shuffle) return order;
  Rng rng = Rng::for_object(seed, "epoch " + std::to_string(epoch));
  for (Index i = n - 1; i > 0; --i) std::swap(order[static_cast<std::size_t>(i)], order[rng.below(static_cast<std::uint64_t>(i) + 1)]);
  return order;
}

}  // namespace

struct Trainer::BatchResult {
  std::vector<LossTotals> totals;  // per loss
  double learning_rate = 0.0;
};

Trainer::Trainer(Simulator& simulator, TrainerOptions options)
    : sim_(simulator), options_(std::move(options)), rule_(options_.update), backprop_(simulator) {
  if (options_.losses.empty()) throw ValidationError("trainer: expected at least one loss on a probe");
  options_.schedule.check();
  const auto names = sim_.probe_names();
  for (const ProbeLoss& loss : options_.losses) {
    if (std::find(names.begin(), names.end(), loss.probe) == names.end()) {
      std::string known;
      for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
      throw ValidationError("trainer: loss on probe '" + loss.probe + "': no such probe (probes: " +
                            (known.empty() ? "none" : known) + ")");
    }
    if (!(loss.weight >= 0.0) || !std::isfinite(loss.weight)) {
      throw ValidationError("trainer: loss on probe '" + loss.probe + "': weight: expected a number >= 0");
    }
  }
  if (options_.bptt_window < 0) throw ValidationError("trainer: bptt_window: expected 0 (full) or a positive number of steps");
  global_minibatch_ = sim_.options().minibatch;
  if (options_.communicator && options_.communicator->size() > 1) {
    comm_ = options_.communicator;
    const int ranks = comm_->size();
    global_minibatch_ = options_.global_minibatch;
    if (global_minibatch_ < ranks) {
      throw ValidationError("trainer: minibatch " + std::to_string(global_minibatch_) + ": expected at least one sequence per rank (" +
                            std::to_string(ranks) + " ranks)");
    }
    const RankShare share = rank_share(global_minibatch_, comm_->rank(), ranks);
    if (sim_.options().minibatch != share.count) {
      throw ValidationError("trainer: rank " + std::to_string(comm_->rank()) + "'s simulator has minibatch " +
                            std::to_string(sim_.options().minibatch) + "; expected its share " + std::to_string(share.count) +
                            " of the global minibatch " + std::to_string(global_minibatch_));
    }
    share_first_ = share.first;
  }
}

std::vector<Parameter*> Trainer::parameters() {
  return sim_.training_support().mutable_parameters();
}

void Trainer::check_dataset(const Dataset& data, const std::string& where, bool need_targets) const {
  const Index n = data.size(where);
  const long steps = data.steps(where);
  const std::vector<Simulator::InputInfo> inputs = sim_.inputs();
  for (const auto& in : inputs) {
    auto it = data.inputs.find(in.node);
    if (it == data.inputs.end()) throw ValidationError(where + ": expected data for input node '" + in.node + "'");
    if (it->second.dim(2) != in.size) {
      throw ValidationError(where + ": input '" + in.node + "': expected size " + std::to_string(in.size) +
                            " per step, got data shaped " + it->second.shape_string());
    }
  }
  for (const auto& [name, array] : data.inputs) {
    bool known = false;
    for (const auto& in : inputs) known = known || in.node == name;
    if (!known) throw ValidationError(where + ": '" + name + "': no such input node");
  }
  for (const ProbeLoss& loss : options_.losses) {
    auto it = data.targets.find(loss.probe);
    if (it == data.targets.end()) {
      if (need_targets) throw ValidationError(where + ": expected targets for probe '" + loss.probe + "'");
      continue;
    }
    const Index samples = sim_.probe_samples(loss.probe, steps);
    if (samples == 0) throw ValidationError(where + ": probe '" + loss.probe + "' records no sample in " + std::to_string(steps) + " steps");
    check_targets(loss, it->second, n, samples, sim_.probe_size(loss.probe), where + ": targets of probe '" + loss.probe + "'");
  }
}

long Trainer::run_forward(const Dataset& data, const std::vector<Index>& rows, bool record, Index row_offset) {
  const long steps = data.inputs.begin()->second.dim(1);
  sim_.reset();                // keeps the history's memory for the next minibatch
  sim_.training_support().set_recording(record);  // at step 0; turning it off frees that memory
  // Training batches draw dropout masks from the update count: a resumed run draws the same.
  sim_.training_support().set_training(record, static_cast<std::uint64_t>(rule_.iterations()), row_offset);
  for (auto& [node, array] : data.minibatch(rows, sim_.options().minibatch)) sim_.set_input(node, std::move(array));
  sim_.run_steps(steps);
  return steps;
}

void Trainer::for_each_batch_in_order(Index begin, Index end,
                                      const std::function<void(const std::vector<Index>&)>& fn) const {
  const Index batch = sim_.options().minibatch;
  std::vector<Index> rows;
  for (Index first = begin; first < end; first += batch) {
    rows.resize(static_cast<std::size_t>(std::min(batch, end - first)));
    std::iota(rows.begin(), rows.end(), first);
    fn(rows);
  }
}

Trainer::BatchResult Trainer::run_local_batch(const Dataset& data, const std::vector<Index>& rows, Index row_offset,
                                              const std::vector<double>& denominators, ParameterGradients* gradients,
                                              const std::string& where) {
  const bool train = gradients != nullptr;
  BatchResult result;
  if (rows.empty()) {  // a rank with no share of a last, short minibatch
    for (const ProbeLoss& l : options_.losses) result.totals.push_back({.classification = takes_labels(l.kind)});
    if (train) {
      gradients->clear();
      for (const Parameter* p : parameters())
        gradients->push_back(p->trainable ? Matrix::Zero(p->value.rows(), p->value.cols()) : Matrix());
    }
    return result;
  }
  const long steps = run_forward(data, rows, train, row_offset);
  if (train) recorded_bytes_ = std::max(recorded_bytes_, sim_.training_support().history().bytes());

  ProbeGradients grads;
  double loss = 0.0;
  for (std::size_t i = 0; i < options_.losses.size(); ++i) {
    const ProbeLoss& l = options_.losses[i];
    const Array3 output = sim_.probe_data(l.probe);
    Array3 g;
    result.totals.push_back(score(l, output, data.targets.at(l.probe), rows, train ? &g : nullptr,
                                  denominators.empty() ? 0.0 : denominators[i]));
    loss += l.weight * result.totals.back().mean_loss();
    if (!train) continue;
    auto [it, inserted] = grads.emplace(l.probe, g);
    if (!inserted)
      for (Index k = 0; k < g.size(); ++k) it->second.data()[k] += g.data()[k];
  }
  if (!train) return result;
  if (!std::isfinite(loss)) {
    sim_.training_support().set_recording(false);
    sim_.reset();
    const auto found = sim_.run_steps_checked(steps);
    throw TrainingError(where + ": the loss is " + std::to_string(loss) + "; " +
                        (found ? "first non-finite value at " + *found
                               : std::string("the forward pass was finite (check the targets and the learning rate)")));
  }
  *gradients = backprop_.run(grads, {.window = options_.bptt_window});
  return result;
}

void Trainer::sum_totals(std::vector<LossTotals>& totals) {
  if (!comm_) return;
  std::vector<double> values;
  for (const LossTotals& t : totals) values.insert(values.end(), {t.loss_sum, t.counted, t.correct});
  comm_->sum(values);
  for (std::size_t i = 0; i < totals.size(); ++i) {
    totals[i].loss_sum = values[3 * i];
    totals[i].counted = values[3 * i + 1];
    totals[i].correct = values[3 * i + 2];
  }
}

void Trainer::sum_gradients(ParameterGradients& gradients) {
  if (!comm_) return;
  const auto start = Clock::now();
  std::size_t n = 0;
  for (const Matrix& g : gradients) n += static_cast<std::size_t>(g.size());
  fused_.resize(n);
  std::size_t at = 0;
  for (const Matrix& g : gradients) {
    std::copy_n(g.data(), g.size(), fused_.data() + at);
    at += static_cast<std::size_t>(g.size());
  }
  comm_->sum(fused_);
  at = 0;
  for (Matrix& g : gradients) {
    std::copy_n(fused_.data() + at, g.size(), g.data());
    at += static_cast<std::size_t>(g.size());
  }
  gradient_sum_seconds_ += seconds_since(start);
}

void Trainer::broadcast_weights() {
  if (!comm_) return;
  std::vector<float> values;
  for (const Parameter* p : parameters()) values.insert(values.end(), p->value.data(), p->value.data() + p->value.size());
  comm_->broadcast(values, 0);
  std::size_t at = 0;
  for (Parameter* p : parameters()) {
    std::copy_n(values.data() + at, p->value.size(), p->value.data());
    at += static_cast<std::size_t>(p->value.size());
  }
}

void Trainer::check_same_weights(const std::string& when) {
  if (!comm_) return;
  // FNV-1a over the weights' bits, kept to 52 bits so that a double holds it exactly.
  std::uint64_t hash = 1469598103934665603ULL;
  for (const Parameter* p : parameters()) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(p->value.data());
    for (std::size_t i = 0; i < static_cast<std::size_t>(p->value.size()) * sizeof(Scalar); ++i) hash = (hash ^ bytes[i]) * 1099511628211ULL;
  }
  std::vector<double> hashes(static_cast<std::size_t>(comm_->size()), 0.0);
  hashes[static_cast<std::size_t>(comm_->rank())] = static_cast<double>(hash >> 12);
  comm_->sum(hashes);
  for (std::size_t r = 1; r < hashes.size(); ++r) {
    if (hashes[r] != hashes[0]) {
      throw TrainingError(when + ": the weights of rank " + std::to_string(r) + " differ from rank 0's (the MPI " +
                          "library summed differently on different ranks)");
    }
  }
}

Trainer::BatchResult Trainer::train_batch(const Dataset& data, const std::vector<Index>& rows, const std::string& where) {
  std::vector<Index> local = rows;
  std::vector<double> denominators;
  if (comm_) {
    // This rank's share of the joint minibatch, averaged over the joint minibatch's pairs.
    const RankShare share = rank_share(global_minibatch_, comm_->rank(), comm_->size());
    const auto n = static_cast<Index>(rows.size());
    local.assign(rows.begin() + std::min(n, share.first), rows.begin() + std::min(n, share.first + share.count));
    const long steps = data.inputs.begin()->second.dim(1);
    for (const ProbeLoss& l : options_.losses) {
      denominators.push_back(count_scored(l, data.targets.at(l.probe), rows, sim_.probe_samples(l.probe, steps),
                                          sim_.probe_size(l.probe)));
    }
  }
  BatchResult result;
  ParameterGradients param_grads;
  on_every_rank(comm_, [&] { result = run_local_batch(data, local, share_first_, denominators, &param_grads, where); });
  sum_totals(result.totals);
  sum_gradients(param_grads);
  ++updates_;

  const auto params = parameters();
  // A finite sum means finite values (one vectorised pass); allFinite only confirms a
  // suspect chunk, whose sum may merely have overflowed. In chunks on the simulator's
  // threads, as the update below.
  auto finite = [&](const Matrix& m) {
    std::atomic<bool> all{true};
    sim_.training_support().in_arena([&] {
      detail::for_element_chunks(m.size(), [&](Index begin, Index end) {
        const Eigen::Map<const Eigen::ArrayXf> chunk(m.data() + begin, end - begin);
        if (!std::isfinite(chunk.sum()) && !chunk.allFinite()) all = false;
      });
    });
    return all.load();
  };
  for (const Parameter* p : params) {
    if (p->trainable && !finite(param_grads[static_cast<std::size_t>(p->index)])) {
      std::string detail = "the forward pass was finite (check the targets and the learning rate)";
      if (!local.empty()) {
        sim_.training_support().set_recording(false);
        sim_.reset();
        if (const auto found = sim_.run_steps_checked(data.inputs.begin()->second.dim(1))) detail = "first non-finite value at " + *found;
      }
      throw TrainingError(where + ": the gradient of connection '" + p->name + "' is not finite; " + detail);
    }
  }
  result.learning_rate = options_.schedule.at(options_.update.base_learning_rate(), epoch_ - 1, rule_.iterations());
  sim_.training_support().in_arena([&] { rule_.apply(params, param_grads, result.learning_rate); });
  for (const Parameter* p : params) {
    if (p->trainable && !finite(p->value)) {
      throw TrainingError(where + ": the update made the weights of connection '" + p->name +
                          "' non-finite (learning rate " + [&] {
                            std::ostringstream rate;
                            rate.precision(7);
                            rate << result.learning_rate;
                            return rate.str();
                          }() + " too high?)");
    }
  }
  return result;
}

FitResult Trainer::fit(const Dataset& train, const Dataset* validation, const FitOptions& options) {
  const TrainingFolder folder(options.out_dir, writes_files());
  FitResult result;
  TrainerState state;
  const auto params = parameters();
  NamedArrays checkpoint;  // rank 0's, on resume
  std::optional<EpochMonitor> monitor;
  on_every_rank(comm_, [&] {
    if (options.epochs < 1) throw ValidationError("fit: epochs: expected a positive number, got " + std::to_string(options.epochs));
    bool classification = false;
    for (const ProbeLoss& l : options_.losses) classification = classification || takes_labels(l.kind);
    monitor.emplace(options.monitor, validation != nullptr, classification, options.patience);
    check_dataset(train, "training data", true);
    if (validation) check_dataset(*validation, "validation data", true);
    // Refuse a record too big for the machine before anything is written.
    if (!train.inputs.empty()) sim_.training_support().check_recording_memory(train.inputs.begin()->second.dim(1));
    folder.prepare();
    if (options.resume) {
      if (options.out_dir.empty()) throw ValidationError("fit: resume: expected an output folder holding checkpoint.npz");
      if (folder.writes()) checkpoint = folder.read_checkpoint();
    }
  });
  monitor_ = monitor->name();
  if (options.resume) {
    if (comm_) broadcast_arrays(*comm_, checkpoint, 0);
    on_every_rank(comm_, [&] { state = restore_checkpoint(checkpoint, folder.file("checkpoint.npz"), params, rule_); });
    result.history = state.history;
    result.resumed_from = state.epoch;
  } else {
    broadcast_weights();  // every rank starts from rank 0's weights
  }
  const Index n = train.size("training data"), batch = global_minibatch_;
  const Index batches = (n + batch - 1) / batch;
  updates_ = 0;
  gradient_sum_seconds_ = 0.0;
  for (int epoch = state.epoch + 1; epoch <= options.epochs; ++epoch) {
    if (monitor->patience_exhausted(state)) {
      result.stopped_early = true;
      break;
    }
    epoch_ = epoch;
    const auto start = Clock::now();
    const auto order = epoch_order(n, options.shuffle, options.seed, epoch);
    std::vector<LossTotals> totals(options_.losses.size());
    EpochRecord record;
    record.epoch = epoch;
    for (Index b = 0; b < batches; ++b) {
      const std::vector<Index> rows(order.begin() + b * batch, order.begin() + std::min(n, (b + 1) * batch));
      const std::string where = "epoch " + std::to_string(epoch) + ", batch " + std::to_string(b + 1) + "/" + std::to_string(batches);
      const BatchResult r = train_batch(train, rows, where);
      for (std::size_t i = 0; i < totals.size(); ++i) totals[i].add(r.totals[i]);
      record.learning_rate = r.learning_rate;
      if (options.on_batch) {
        options.on_batch({epoch, options.epochs, b + 1, batches,
                          combine(options_.losses, totals, std::min(n, (b + 1) * batch)), seconds_since(start)});
      }
    }
    record.train = combine(options_.losses, totals, n);
    if (validation) record.validation = evaluate(*validation);
    record.seconds = seconds_since(start);
    result.history.push_back(record);
    check_same_weights("epoch " + std::to_string(epoch));

    const bool improved = monitor->observe(record, state);
    state.epoch = epoch;
    state.history = result.history;
    on_every_rank(comm_, [&] { folder.write_epoch(sim_, state, improved, params, rule_); });
    if (options.on_epoch) options.on_epoch(record);
  }
  if (monitor->patience_exhausted(state) && state.epoch < options.epochs) result.stopped_early = true;
  on_every_rank(comm_, [&] { folder.write_final(sim_); });
  result.best_epoch = state.best_epoch;
  result.recorded_bytes = recorded_bytes_;
  result.updates = updates_;
  result.gradient_sum_seconds = gradient_sum_seconds_;
  return result;
}

void Trainer::collect_probes(const std::vector<Index>& rows, Index n, std::map<std::string, Array3>& out) const {
  for (const std::string& probe : sim_.probe_names()) {
    const Array3 part = sim_.probe_data(probe);
    auto [it, inserted] = out.try_emplace(probe, n, part.dim(1), part.dim(2));
    const Index row_size = part.dim(1) * part.dim(2);
    std::copy_n(part.data(), static_cast<Index>(rows.size()) * row_size, it->second.data() + rows.front() * row_size);
  }
}

Metrics Trainer::evaluate(const Dataset& data, const std::function<void(Index, Index)>& progress,
                          std::map<std::string, Array3>* outputs) {
  std::vector<LossTotals> totals(options_.losses.size());
  for (std::size_t i = 0; i < totals.size(); ++i) totals[i].classification = takes_labels(options_.losses[i].kind);
  Index n = 0;
  // Data-parallel, each rank evaluates its share of the sequences (probe outputs, which
  // the caller keeps whole, are computed by every rank alone).
  Communicator* shared = outputs ? nullptr : comm_;
  on_every_rank(shared, [&] {
    check_dataset(data, "evaluation data", true);
    n = data.size("evaluation data");
    const RankShare share = shared ? rank_share(n, shared->rank(), shared->size()) : RankShare{0, n};
    for_each_batch_in_order(share.first, share.first + share.count, [&](const std::vector<Index>& rows) {
      const BatchResult r = run_local_batch(data, rows, 0, {}, nullptr, "evaluation");
      for (std::size_t i = 0; i < totals.size(); ++i) totals[i].add(r.totals[i]);
      if (outputs) collect_probes(rows, n, *outputs);
      if (progress) progress(rows.back() + 1 - share.first, share.count);
    });
  });
  if (shared) sum_totals(totals);
  return combine(options_.losses, totals, n);
}

std::map<std::string, Array3> Trainer::predict(const Dataset& data) {
  check_dataset(data, "prediction data", false);
  const Index n = data.size("prediction data");
  std::map<std::string, Array3> out;
  for_each_batch_in_order(0, n, [&](const std::vector<Index>& rows) {
    run_forward(data, rows, false);
    collect_probes(rows, n, out);
  });
  return out;
}

}  // namespace netsim
