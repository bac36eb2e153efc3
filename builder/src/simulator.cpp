#include "netsim/builder/simulator.h"
#include "netsim/builder/simulator_training.h"

#include <tbb/info.h>

#include <sstream>

#include "netsim/builder/executor.h"
#include "netsim/builder/operators/input_op.h"
#include "netsim/builder/operators/probe_op.h"
#include "netsim/core/error.h"
#include "netsim/core/memory_budget.h"

namespace netsim {
namespace {

// Smallest automatic task: below this the per-task GEMMs are too thin to run well. 8, not
// 16: a minibatch of 16 on two cores then runs as two tasks, 1.6-1.75x one thread's speed
// (docs/performance.md, "Task size"), where one task of 16 left a core idle.
constexpr Index kMinRowsPerTask = 8;

}  // namespace

struct Simulator::Impl {
  SimulatorOptions options;
  Model model;
  Schedule schedule;
  std::unique_ptr<Executor> executor;  // walks `schedule` over `model`
  std::vector<Array3> input_data;      // parallel to model.inputs
  long step = 0;
  bool recording = false;
  RunMode mode;
  SignalHistory history;
  // What reset() clears: every signal but those an operator overwrites whole before any
  // use in every step (Operator::overwritten_whole: node inputs' resets, activation and
  // pooling outputs), which for a CNN were most of the 0.4 MB per row cleared per batch.
  std::vector<SignalId> cleared_at_reset;

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

  // Checks the inputs and readies the probes for steps step+1..step+n.
  void prepare(long n) {
    check_inputs(step + n);
    check_whole_run(step + n);
    if (recording) check_recording(step + n);
    for (ProbeOp* p : model.probes) p->prepare(step, n);
  }

  std::size_t recording_bytes(long steps) const {
    const auto batch = static_cast<std::size_t>(options.minibatch);
    const std::size_t ends = executor->run_ends().count() + 1;
    return sizeof(float) * batch *
           (static_cast<std::size_t>(steps) * static_cast<std::size_t>(history.values_per_step()) +
            ends * static_cast<std::size_t>(history.values_per_run_end()));
  }

  std::size_t whole_run_bytes(long steps) const {
    std::size_t floats = 0;
    for (const auto& op : model.whole_run_ops) floats += static_cast<std::size_t>(op->values_per_step());
    return sizeof(float) * static_cast<std::size_t>(options.minibatch) * static_cast<std::size_t>(steps) * floats;
  }

  // What a recording up to step `steps` adds to what the history already holds.
  void check_recording(long steps) const {
    const std::size_t need = recording_bytes(steps), held = history.bytes();
    if (need <= held) return;
    check_memory(need - held, "the forward values recorded for backpropagation through time",
                 std::to_string(options.minibatch) + " sequences x " + std::to_string(steps) + " steps x " +
                     std::to_string(history.values_per_step()) + " values",
                 "lower the minibatch (--minibatch, train.minibatch) or the steps per sequence");
  }

  // What the whole-run buffers for a run up to step `steps` add to what they hold.
  void check_whole_run(long steps) const {
    std::size_t held = 0;
    for (const auto& op : model.whole_run_ops) held += op->bytes();
    const std::size_t need = whole_run_bytes(steps);
    if (need <= held) return;
    check_memory(need - held, "the whole-run buffers of the rewritten operators (LTI memories, time-batched products)",
                 std::to_string(options.minibatch) + " sequences x " + std::to_string(steps) + " steps x " +
                     std::to_string(need / sizeof(float) / static_cast<std::size_t>(options.minibatch) /
                                    static_cast<std::size_t>(steps)) + " values",
                 "lower the minibatch or the steps, or run with rewrites: false");
  }

  // Tracks every signal some operator's VJP reads; update targets are saved before the
  // step; what only last-step operators read is kept on run ends only.
  void plan_history() {
    history.use_run_ends(&executor->run_ends());
    std::vector<bool> updated(static_cast<std::size_t>(model.signals.count()), false);
    for (const auto& op : model.operators)
      for (SignalId s : op->access().updates) updated[static_cast<std::size_t>(s)] = true;
    for (const auto& op : model.operators)
      for (SignalId s : op->saved_signals())
        history.track(s, model.signals.info(s).size, updated[static_cast<std::size_t>(s)],
                      op->phase() == Phase::last_step);
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
  Impl& s = *impl_;
  s.options = options;
  s.model = build_model(network, {.dt = options.dt, .seed = options.seed, .rewrites = options.rewrites, .rate_twins = options.rate_twins,
                                          .lif_smoothing = options.lif_smoothing, .lif_exact_forward = options.lif_exact_forward});
  s.schedule = plan_schedule(s.model);
  s.executor = std::make_unique<Executor>(
      s.model, s.schedule,
      ExecutorOptions{.minibatch = options.minibatch, .rows_per_task = options.rows_per_task,
                      .threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency(),
                      .unroll = options.unroll, .skip_unneeded_gradients = options.skip_unneeded_gradients,
                      .pack_weights = options.pack_weights});
  s.input_data.resize(s.model.inputs.size());
  const Index values = s.model.signals.values_per_row();
  check_memory(sizeof(float) * static_cast<std::size_t>(options.minibatch) * static_cast<std::size_t>(values),
               "the simulator's signals", std::to_string(options.minibatch) + " sequences x " +
                   std::to_string(values) + " values", "lower the minibatch (--minibatch, run.minibatch)");
  s.model.signals.allocate(options.minibatch);
  std::vector<char> overwritten(static_cast<std::size_t>(s.model.signals.count()), 0);
  for (const auto& op : s.model.operators)
    for (SignalId id : op->overwritten_whole()) overwritten[static_cast<std::size_t>(id)] = 1;
  for (SignalId id = 0; id < s.model.signals.count(); ++id)
    if (!overwritten[static_cast<std::size_t>(id)]) s.cleared_at_reset.push_back(id);
  // State before step 1 (the rest starts NaN-filled in Debug and sanitizer builds).
  s.model.signals.set_zero(s.cleared_at_reset);
  for (auto& op : s.model.operators) op->allocate(options.minibatch);
  for (auto& op : s.model.whole_run_ops) op->allocate(options.minibatch);
  s.plan_history();
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

std::vector<Simulator::InputInfo> Simulator::inputs() const {
  std::vector<InputInfo> out;
  for (const InputOp* in : impl_->model.inputs) out.push_back({in->node(), in->size()});
  return out;
}

void Simulator::run_steps(long n) {
  if (n < 0) throw SimulationError("run_steps: expected a number of steps >= 0, got " + std::to_string(n));
  Impl& s = *impl_;
  s.prepare(n);
  if (n == 0) return;
  s.executor->forward(s.step + 1, s.step + n, s.mode, s.recording ? &s.history : nullptr);
  s.step += n;
}

void Simulator::reset() {
  impl_->model.signals.set_zero(impl_->cleared_at_reset);
  for (auto& op : impl_->model.operators) op->allocate(impl_->options.minibatch);
  for (auto& op : impl_->model.whole_run_ops) op->allocate(impl_->options.minibatch);
  impl_->history.clear();
  impl_->executor->reset();
  impl_->step = 0;
}

void SimulatorTraining::set_recording(bool on) {
  if (on == sim_->impl_->recording) return;
  if (on && sim_->impl_->step != 0) {
    throw SimulationError("set_recording: switch recording at step 0 (call reset() first), not at step " +
                          std::to_string(sim_->impl_->step));
  }
  sim_->impl_->recording = on;
  sim_->impl_->history.release();
}

bool SimulatorTraining::recording() const { return sim_->impl_->recording; }
std::size_t SimulatorTraining::recording_bytes(long steps) const { return sim_->impl_->recording_bytes(steps); }
void SimulatorTraining::check_recording_memory(long steps) const { sim_->impl_->check_recording(steps); }
std::size_t Simulator::whole_run_bytes(long steps) const { return impl_->whole_run_bytes(steps); }

void SimulatorTraining::set_training(bool on, std::uint64_t draw, Index row_offset) { sim_->impl_->mode = {on, draw, row_offset}; }

bool SimulatorTraining::training() const { return sim_->impl_->mode.training; }
std::uint64_t SimulatorTraining::draw() const { return sim_->impl_->mode.draw; }
const SignalHistory& SimulatorTraining::history() const { return sim_->impl_->history; }
Index SimulatorTraining::task_count() const { return sim_->impl_->executor->task_count(); }

void SimulatorTraining::set_probe_gradients(const std::map<std::string, Array3>& gradients) {
  for (const auto& [name, grad] : gradients) sim_->impl_->probe(name);  // throws for an unknown probe
  for (ProbeOp* p : sim_->impl_->model.probes) {
    auto it = gradients.find(p->name());
    p->set_output_gradient(it != gradients.end() ? it->second : Array3());
  }
}

std::vector<std::vector<Matrix>> SimulatorTraining::backward(long first) {
  Simulator::Impl& s = *sim_->impl_;
  if (!s.recording || s.history.recorded_steps() < s.step) {
    throw SimulationError("backward: the run was not recorded; call set_recording(true) at step 0, then run_steps");
  }
  return s.executor->backward(std::max(1L, first), s.step, s.mode, s.history);
}

std::optional<std::string> Simulator::run_steps_checked(long n) {
  Impl& s = *impl_;
  s.prepare(n);
  s.history.materialize_deferred();  // the store is about to change
  const auto bad = s.executor->forward_checked(s.step + 1, s.step + n, s.mode);
  s.step = bad ? bad->first : s.step + n;
  if (bad) return bad->second;
  return std::nullopt;
}

void SimulatorTraining::in_arena(const std::function<void()>& work) { sim_->impl_->executor->in_arena(work); }

SimulatorTraining Simulator::training_support() { return SimulatorTraining(*this); }

long Simulator::current_step() const { return impl_->step; }
double Simulator::time() const { return static_cast<double>(impl_->step) * impl_->options.dt; }
const SimulatorOptions& Simulator::options() const { return impl_->options; }

Array3 Simulator::probe_data(const std::string& probe) const { return impl_->probe(probe).data(); }

Array3 Simulator::take_probe_data(const std::string& probe) {
  ProbeOp& p = impl_->probe(probe);
  Array3 data = p.data();
  p.forget_samples();
  return data;
}

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

Index Simulator::probe_size(const std::string& probe) const { return impl_->probe(probe).size(); }

Index Simulator::probe_samples(const std::string& probe, long steps) const {
  return impl_->probe(probe).samples_for(steps);
}

std::vector<Parameter*> SimulatorTraining::mutable_parameters() {
  std::vector<Parameter*> out;
  for (auto& p : sim_->impl_->model.parameters) out.push_back(p.get());
  return out;
}

std::vector<const Parameter*> Simulator::parameters() const {
  std::vector<const Parameter*> out;
  for (const auto& p : impl_->model.parameters) out.push_back(p.get());
  return out;
}

const Model& Simulator::model() const { return impl_->model; }
const Schedule& Simulator::schedule() const { return impl_->schedule; }

std::string Simulator::describe() const {
  std::ostringstream out;
  const Impl& s = *impl_;
  out << "network '" << s.model.network_name << "': " << s.model.signals.count() << " signals, minibatch "
      << s.options.minibatch << " in " << s.executor->task_count() << " task(s) of up to " << s.options.rows_per_task
      << " rows, unroll " << s.options.unroll << ", " << s.executor->threads() << " thread(s)\n";
  out << describe_schedule(s.model, s.schedule);
  return out.str();
}

}  // namespace netsim
