#pragma once
// An operator is one piece of work inside a simulation step. Like Nengo's, each declares
// which signals it
//   sets     writes from scratch (exactly one setter per signal)
//   incs     adds to (after the setter; incs of one signal run in a fixed order)
//   reads    reads (after all sets and incs of that signal)
//   updates  writes the value the *next* step will see (after all reads this step)
// and the order within a step follows from these lists alone (plan_schedule, schedule.h), never
// from hand-written sequencing.
//
// Contract for `step`: touch only the given rows of each signal (row b = sequence b), and
// keep any per-row state in row-indexed storage, so that disjoint row ranges can run
// concurrently and the result does not depend on how the minibatch is split.
//
// Reverse mode (vjp): the backward pass walks the same schedule backwards, step N to 1 and
// each step's operators in reverse order. `grads` holds dL/d(signal) with the same shape as
// the signals. Each operator adds its inputs' gradients (grad of everything it reads) and
// its parameters' gradients; an operator that sets or updates a signal then clears that
// signal's gradient (the value it overwrote had no other effect), one that incs leaves it
// (the value before the inc reaches the loss the same way). Values the VJP needs come from
// the SignalHistory; operators name them in saved_signals() so nothing else is recorded.
//
// Time-parallel rewrites (rewrites.h) replace some operators by whole-sequence work
// (LtiConvolution) that runs before or after the step loop; operators keep no per-step
// hidden state besides their row-indexed state so that this stays possible.

#include <cstdint>
#include <string>
#include <vector>

#include "netsim/builder/signal_history.h"
#include "netsim/builder/signal_store.h"

namespace netsim {

class WholeRunOp;

struct StepContext {
  long step = 0;   // k = 1, 2, ...
  double t = 0.0;  // k * dt
  // A training run (Simulator::set_training): dropout is active, its masks drawn from
  // `draw` (a number the trainer picks per minibatch), so the same draw gives the same masks.
  bool training = false;
  std::uint64_t draw = 0;
  // Where this minibatch's row 0 sits in the joint minibatch of a data-parallel training
  // (docs/distributed.md): dropout hashes the joint row, so every rank draws the masks one
  // process would.
  Index row_offset = 0;
};

// Where an operator runs. Every operator starts in `step`; the rewrite planning
// (assign_phases.cpp) moves some, and the Executor walks the schedule by phase alone.
enum class Phase : std::uint8_t {
  step,             // the step loop, every step (all operators when no rewrite applies)
  last_step,        // the step loop, but run (and differentiated) only on the last step of a run
  prefix,           // only the prefix pass: every step of a run, before the step loop
  prefix_and_step,  // both: a value known ahead that a whole-run input and the step loop read
};
constexpr bool in_prefix(Phase p) { return p == Phase::prefix || p == Phase::prefix_and_step; }
constexpr bool in_step_loop(Phase p) { return p != Phase::prefix; }

struct AccessLists {
  std::vector<SignalId> sets, incs, reads, updates;
};

enum class WriteMode { set, inc, update };

// What an operator may prepare for before a run or a backward pass (prepare_forward /
// prepare_backward): how many steps, and the distinct row counts of the row tasks that will
// call it (a product's blocking may depend on them).
struct RunShape {
  long steps = 0;
  std::vector<Index> task_rows;
  Index tasks = 1;  // row tasks (BackwardStep::task counts them)
  bool pack_weights = true;  // SimulatorOptions::pack_weights
};

// One step of the backward pass, for one task's rows.
struct BackwardStep {
  long step = 0;                        // k, as in the forward StepContext
  const SignalHistory& history;         // forward values (saved_signals)
  SignalStore& grads;                   // dL/d(signal), [batch x size] each
  std::vector<Matrix>& parameter_grads; // this task's, by Parameter::index (trainable ones sized)
  bool training = false;                // as in the forward run's StepContext
  std::uint64_t draw = 0;
  Index row_offset = 0;
  // By SignalId, whether the gradient is needed (gradient_needs.h); null: every one is.
  const std::vector<bool>* needed = nullptr;
  // A VJP may skip adding into the gradient of a signal that is not wanted.
  bool wants_gradient(SignalId s) const { return !needed || (*needed)[static_cast<std::size_t>(s)]; }
  Index task = 0;  // which row task (0 .. RunShape::tasks - 1): its rows are always the same
};

class Operator {
 public:
  Operator(std::string origin, AccessLists access)
      : origin_(std::move(origin)), access_(std::move(access)) {}
  virtual ~Operator() = default;
  Operator(const Operator&) = delete;
  Operator& operator=(const Operator&) = delete;

  virtual void step(const StepContext& ctx, SignalStore& signals, Rows rows) = 0;
  // Sizes row-indexed state for a minibatch; called before the first step and on reset.
  virtual void allocate(Index /*batch*/) {}
  // Signals whose forward values vjp() reads from the history.
  virtual std::vector<SignalId> saved_signals() const { return {}; }
  // Sizes row-indexed backward state (e.g. a filter's adjoint) to zeros; called before
  // every backward pass.
  virtual void allocate_backward(Index /*batch*/) {}
  // Called on one thread before each run and before each backward pass: the weights stay
  // as they are until the next call (an operator may lay them out for its products then).
  // Calls with other row counts than `run.task_rows` must still work.
  virtual void prepare_forward(const RunShape& /*run*/) {}
  virtual void prepare_backward(const RunShape& /*run*/) {}
  // The vector-Jacobian product of one step (see above). The default suits operators
  // without inputs (sources): it clears the gradients of what they set or update.
  virtual void vjp(const BackwardStep& b, Rows rows);
  // After a row task's walk over the steps (b.step: the walk's first step, the last one
  // visited): an operator that held back part of its gradients adds them in now.
  virtual void finish_backward_walk(const BackwardStep& /*b*/, Rows /*rows*/) {}

  // Whether it holds trainable weights (gradient_needs.h). Conservatively yes; operators
  // without weights say no.
  virtual bool has_trainable_weights() const { return true; }
  // Short kind name for schedules and messages: "DotInc", "Filter", ...
  virtual std::string kind() const = 0;
  // Rough cost of one step for one row, used to decide what is worth running in parallel.
  virtual double flops_per_row() const { return 0.0; }
  // True when what it writes at step k depends only on what it reads at step k (and on
  // k): no state carried between steps and no update. Such an operator may be skipped at
  // steps whose results nobody observes (Phase::last_step).
  virtual bool stateless() const { return false; }
  // A sink (a probe) that looks at what it reads only on the last step of each run.
  virtual bool observes_last_step_only() const { return false; }
  // The whole-run operator whose output this operator adds into the step loop, if any.
  virtual const WholeRunOp* whole_run_source() const { return nullptr; }
  // Told once, when the backward pass skips unneeded gradients: which signals need one
  // (gradient_needs.h, by SignalId). For work planned ahead of the VJPs.
  virtual void use_gradient_needs(const std::vector<bool>& /*needed*/) {}
  // Signals it overwrites entirely whenever it runs, before any operator reads or adds to
  // them in that step, so that their value from before the step never matters
  // (Simulator::reset need not clear them). Conservatively none.
  virtual std::vector<SignalId> overwritten_whole() const { return {}; }

  Phase phase() const { return phase_; }
  void set_phase(Phase phase) { phase_ = phase; }

  // The network object this operator implements: "connection 'u->h'", "node 'h'".
  const std::string& origin() const { return origin_; }
  const AccessLists& access() const { return access_; }

 private:
  std::string origin_;
  AccessLists access_;
  Phase phase_ = Phase::step;
};

// Maps a WriteMode to the access list it belongs to.
AccessLists make_access(std::vector<SignalId> reads, SignalId target, WriteMode mode);

}  // namespace netsim
