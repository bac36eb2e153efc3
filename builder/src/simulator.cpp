#include "netsim/builder/simulator.h"

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <sstream>

#include "netsim/builder/operators/input_op.h"
#include "netsim/builder/operators/probe_op.h"
#include "netsim/core/error.h"

namespace netsim {
namespace {

// Below this much work per stage and step, running its operators concurrently costs more
// in task overhead than it saves.
constexpr double kParallelStageFlops = 2.0e5;
// Smallest automatic task: below this the per-task GEMMs are too thin to run well.
constexpr Index kMinRowsPerTask = 16;

}  // namespace

struct Simulator::Impl {
  SimulatorOptions options;
  Model model;
  Schedule schedule;
  std::vector<Array3> input_data;  // parallel to model.inputs
  long step = 0;
  int threads = 1;
  std::unique_ptr<tbb::task_arena> arena;
  bool recording = false;
  bool training = false;
  std::uint64_t draw = 0;
  SignalHistory history;
  std::vector<long> run_ends;

  Index task_count() const {
    return (options.minibatch + options.rows_per_task - 1) / options.rows_per_task;
  }

  // Whether operator `op` runs at step k of a run ending at `run_end`.
  bool runs(int op, long k, long run_end) const {
    return k == run_end || !model.last_step_only[static_cast<std::size_t>(op)];
  }

  void run_block(Rows rows, long first_step, long count, long run_end, bool parallel_stages) {
    SignalStore& signals = model.signals;
    for (long k = first_step; k < first_step + count; ++k) {
      const StepContext ctx{k, static_cast<double>(k) * options.dt, training, draw};
      if (recording) history.save_before_step(k, signals, rows, k == run_end);
      for (const Stage& stage : schedule.stages) {
        if (parallel_stages && stage.ops.size() > 1 &&
            stage.flops_per_row * static_cast<double>(rows.count) > kParallelStageFlops) {
          tbb::parallel_for(std::size_t{0}, stage.ops.size(), [&](std::size_t i) {
            if (runs(stage.ops[i], k, run_end)) model.operators[static_cast<std::size_t>(stage.ops[i])]->step(ctx, signals, rows);
          });
        } else {
          for (int op : stage.ops)
            if (runs(op, k, run_end)) model.operators[static_cast<std::size_t>(op)]->step(ctx, signals, rows);
        }
      }
      if (recording) history.save_after_step(k, signals, rows, k == run_end);
    }
  }

  // The prefix pass and the whole-run operators for steps first..last (before the step loop).
  void run_prefix(long first, long last) {
    if (model.whole_run_ops.empty()) return;
    for (auto& op : model.whole_run_ops) op->reserve_steps(last);
    auto prefix_rows = [&](Rows rows) {
      for (long k = first; k <= last; ++k) {
        const StepContext ctx{k, static_cast<double>(k) * options.dt, training, draw};
        for (const Stage& stage : schedule.prefix_stages)
          for (int op : stage.ops) model.operators[static_cast<std::size_t>(op)]->step(ctx, model.signals, rows);
      }
    };
    arena->execute([&] {
      tbb::parallel_for(tbb::blocked_range<Index>(0, task_count(), 1), [&](const tbb::blocked_range<Index>& r) {
        for (Index t = r.begin(); t != r.end(); ++t) {
          const Index begin = t * options.rows_per_task;
          prefix_rows({begin, std::min(options.rows_per_task, options.minibatch - begin)});
        }
      });
      for (auto& op : model.whole_run_ops) op->compute(first, last);
    });
  }

  // Every input has data for steps up to `last`; throws naming the node otherwise.
  void check_inputs(long last) const {
    for (InputOp* in : model.inputs) {
      if (!in->data()) {
        throw SimulationError("input node '" + in->node() + "': no data; call set_input(\"" + in->node() +
                              "\", data shaped (batch, steps, " + std::to_string(in->size()) + "))");
      }
      if (in->data()->dim(1) < last) {
        throw SimulationError("input node '" + in->node() + "': data has " + std::to_string(in->data()->dim(1)) +
                              " steps, running to step " + std::to_string(last) + " needs " + std::to_string(last));
      }
    }
  }

  // Tracks every signal some operator's VJP reads; update targets are saved before the step.
  void plan_history() {
    std::vector<bool> updated(static_cast<std::size_t>(model.signals.count()), false);
    for (const auto& op : model.operators)
      for (SignalId s : op->access().updates) updated[static_cast<std::size_t>(s)] = true;
    for (std::size_t i = 0; i < model.operators.size(); ++i)
      for (SignalId s : model.operators[i]->saved_signals())
        history.track(s, model.signals.info(s).size, updated[static_cast<std::size_t>(s)],
                      model.last_step_only[i] && !model.prefix[i]);
  }

  ProbeOp& probe(const std::string& name) const {
    for (ProbeOp* p : model.probes)
      if (p->name() == name) return *p;
    std::string known;
    for (ProbeOp* p : model.probes) known += (known.empty() ? "" : ", ") + p->name();
    throw SimulationError("probe '" + name + "': no such probe (probes: " +
                          (known.empty() ? "none" : known) + ")");
  }
};

Simulator::Simulator(const Network& network, SimulatorOptions options)
    : impl_(std::make_unique<Impl>()) {
  auto fail = [](const std::string& what) { throw SimulationError("Simulator: " + what); };
  if (options.minibatch < 1) fail("minibatch: expected a positive integer, got " + std::to_string(options.minibatch));
  if (options.unroll < 1) fail("unroll: expected a positive integer, got " + std::to_string(options.unroll));
  if (options.threads < 0) fail("threads: expected 0 (all) or a positive integer, got " + std::to_string(options.threads));
  if (options.rows_per_task < 0) fail("rows_per_task: expected 0 (auto) or a positive integer, got " + std::to_string(options.rows_per_task));
  if (options.rows_per_task == 0) {
    // One task per hardware thread, but not so small that the GEMMs lose their efficiency.
    const Index hardware = std::max(1, tbb::info::default_concurrency());
    options.rows_per_task = std::max<Index>(kMinRowsPerTask, (options.minibatch + hardware - 1) / hardware);
  }
  impl_->options = options;
  impl_->model = build_model(network, {.dt = options.dt, .seed = options.seed, .rewrites = options.rewrites});
  impl_->schedule = plan_schedule(impl_->model);
  impl_->input_data.resize(impl_->model.inputs.size());
  impl_->threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  impl_->arena = std::make_unique<tbb::task_arena>(impl_->threads);
  impl_->model.signals.allocate(options.minibatch);
  for (auto& op : impl_->model.operators) op->allocate(options.minibatch);
  for (auto& op : impl_->model.whole_run_ops) op->allocate(options.minibatch);
  impl_->plan_history();
}

Simulator::~Simulator() = default;
Simulator::Simulator(Simulator&&) noexcept = default;
Simulator& Simulator::operator=(Simulator&&) noexcept = default;

void Simulator::set_input(const std::string& node, Array3 data) {
  auto& inputs = impl_->model.inputs;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i]->node() != node) continue;
    const Index batch = impl_->options.minibatch, size = inputs[i]->size();
    if (data.dim(0) != batch || data.dim(2) != size || data.dim(1) < 1) {
      throw SimulationError("input node '" + node + "': expected data shaped (" + std::to_string(batch) +
                            ", steps, " + std::to_string(size) + "), got " + data.shape_string());
    }
    impl_->input_data[i] = std::move(data);
    inputs[i]->bind(&impl_->input_data[i]);
    return;
  }
  throw SimulationError("input node '" + node + "': no such input node");
}

void Simulator::run_steps(long n) {
  if (n < 0) throw SimulationError("run_steps: expected a number of steps >= 0, got " + std::to_string(n));
  Impl& s = *impl_;
  const long last = s.step + n;
  s.check_inputs(last);
  for (ProbeOp* p : s.model.probes) p->prepare(s.step, n);
  if (s.recording) s.history.reserve_steps(s.options.minibatch, last);
  if (n == 0) return;
  s.run_prefix(s.step + 1, last);
  const Index tasks = s.task_count();
  const bool parallel_stages = tasks < s.threads;
  for (long done = 0; done < n; done += s.options.unroll) {
    const long count = std::min<long>(s.options.unroll, n - done);
    const long first = s.step + 1;
    s.arena->execute([&] {
      tbb::parallel_for(tbb::blocked_range<Index>(0, tasks, 1), [&](const tbb::blocked_range<Index>& r) {
        for (Index t = r.begin(); t != r.end(); ++t) {
          const Index begin = t * s.options.rows_per_task;
          const Index rows = std::min(s.options.rows_per_task, s.options.minibatch - begin);
          s.run_block({begin, rows}, first, count, last, parallel_stages);
        }
      });
    });
    s.step += count;
  }
  s.run_ends.push_back(last);
}

void Simulator::reset() {
  impl_->model.signals.set_zero();
  for (auto& op : impl_->model.operators) op->allocate(impl_->options.minibatch);
  for (auto& op : impl_->model.whole_run_ops) op->allocate(impl_->options.minibatch);
  impl_->history.clear();
  impl_->run_ends.clear();
  impl_->step = 0;
}

void Simulator::set_recording(bool on) {
  if (on == impl_->recording) return;
  if (on && impl_->step != 0) {
    throw SimulationError("set_recording: switch recording at step 0 (call reset() first), not at step " +
                          std::to_string(impl_->step));
  }
  impl_->recording = on;
  impl_->history.release();
}

bool Simulator::recording() const { return impl_->recording; }

void Simulator::set_training(bool on, std::uint64_t draw) {
  impl_->training = on;
  impl_->draw = draw;
}

bool Simulator::training() const { return impl_->training; }
std::uint64_t Simulator::draw() const { return impl_->draw; }
const SignalHistory& Simulator::history() const { return impl_->history; }
Index Simulator::task_count() const { return impl_->task_count(); }

void Simulator::for_each_task(const std::function<void(Rows, Index)>& fn) {
  Impl& s = *impl_;
  s.arena->execute([&] {
    tbb::parallel_for(tbb::blocked_range<Index>(0, s.task_count(), 1), [&](const tbb::blocked_range<Index>& r) {
      for (Index t = r.begin(); t != r.end(); ++t) {
        const Index begin = t * s.options.rows_per_task;
        fn({begin, std::min(s.options.rows_per_task, s.options.minibatch - begin)}, t);
      }
    });
  });
}

void Simulator::in_arena(const std::function<void()>& fn) { impl_->arena->execute(fn); }
const std::vector<long>& Simulator::run_ends() const { return impl_->run_ends; }

std::optional<std::string> Simulator::run_steps_checked(long n) {
  Impl& s = *impl_;
  const long last = s.step + n;
  s.check_inputs(last);
  for (ProbeOp* p : s.model.probes) p->prepare(s.step, n);
  if (n > 0) s.run_prefix(s.step + 1, last);
  const Rows all{0, s.options.minibatch};
  SignalStore& signals = s.model.signals;
  for (long k = s.step + 1; k <= last; ++k) {
    const StepContext ctx{k, static_cast<double>(k) * s.options.dt, s.training, s.draw};
    for (const Stage& stage : s.schedule.stages) {
      for (int index : stage.ops) {
        Operator& op = *s.model.operators[static_cast<std::size_t>(index)];
        op.step(ctx, signals, all);
        const AccessLists& a = op.access();
        for (const auto* list : {&a.sets, &a.incs, &a.updates}) {
          for (SignalId id : *list) {
            const Matrix& v = signals.value(id);
            if (v.allFinite()) continue;
            const bool nan = v.array().isNaN().any();
            s.step = k;
            return "step " + std::to_string(k) + ": " + op.kind() + " of " + op.origin() + " wrote " +
                   (nan ? "NaN" : "inf") + " into '" + signals.info(id).name + "'";
          }
        }
      }
    }
    s.step = k;
  }
  s.run_ends.push_back(last);
  return std::nullopt;
}

long Simulator::current_step() const { return impl_->step; }
double Simulator::time() const { return static_cast<double>(impl_->step) * impl_->options.dt; }
const SimulatorOptions& Simulator::options() const { return impl_->options; }

Array3 Simulator::probe_data(const std::string& probe) const { return impl_->probe(probe).data(); }

std::vector<double> Simulator::probe_times(const std::string& probe) const {
  std::vector<double> t;
  for (long k : impl_->probe(probe).sampled_steps()) t.push_back(static_cast<double>(k) * impl_->options.dt);
  return t;
}

std::vector<std::string> Simulator::probe_names() const {
  std::vector<std::string> names;
  for (ProbeOp* p : impl_->model.probes) names.push_back(p->name());
  return names;
}

const Parameter& Simulator::parameter(const std::string& connection) const {
  if (const Parameter* p = impl_->model.find_parameter(connection)) return *p;
  throw SimulationError("connection '" + connection + "': no such connection with weights");
}

void Simulator::set_parameter(const std::string& connection, const Matrix& value) {
  Parameter* p = impl_->model.find_parameter(connection);
  if (!p) throw SimulationError("connection '" + connection + "': no such connection with weights");
  if (value.rows() != p->value.rows() || value.cols() != p->value.cols()) {
    throw SimulationError("connection '" + connection + "': expected weights of shape " +
                          std::to_string(p->value.rows()) + "x" + std::to_string(p->value.cols()) +
                          ", got " + std::to_string(value.rows()) + "x" + std::to_string(value.cols()));
  }
  p->value = value;
}

std::vector<const Parameter*> Simulator::parameters() const {
  std::vector<const Parameter*> out;
  for (const auto& p : impl_->model.parameters) out.push_back(p.get());
  return out;
}

const Model& Simulator::model() const { return impl_->model; }
Model& Simulator::model() { return impl_->model; }
const Schedule& Simulator::schedule() const { return impl_->schedule; }

std::string Simulator::describe() const {
  std::ostringstream out;
  const Impl& s = *impl_;
  out << "network '" << s.model.network_name << "': " << s.model.signals.count() << " signals, minibatch "
      << s.options.minibatch << " in " << s.task_count() << " task(s) of up to " << s.options.rows_per_task
      << " rows, unroll " << s.options.unroll << ", " << s.threads << " thread(s)\n";
  out << describe_schedule(s.model, s.schedule);
  return out.str();
}

}  // namespace netsim
