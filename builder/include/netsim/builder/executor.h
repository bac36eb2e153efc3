#pragma once
// The one place that walks the schedule: what runs in which order, forward and backward.
//
// Forward, one run of steps first..last (Simulator::run_steps):
//   1. the run's end is recorded (RunEnds: where Phase::last_step work runs);
//   2. the prefix pass, if the rewrites made one: for every row task, steps first..last,
//      the prefix stages (Phase::prefix and prefix_and_step operators); then every
//      whole-run operator computes the run (LtiConvolution, WholeRunDot);
//   3. the step loop: blocks of `unroll` steps; in each, every row task runs every step's
//      stages (Phase::step every step, Phase::last_step on the run's last step only),
//      saving what the backward pass needs before and after each step when recording.
//      Stages with several heavy operators run them in parallel when there are fewer
//      tasks than threads.
// Backward, from the recorded history (Backprop), the forward walk mirrored:
//   1. the step loop in reverse, step last..first, stages and operators reversed
//      (Phase::last_step operators only on run ends), each row task on its own;
//   2. every whole-run operator's backward over the run;
//   3. the prefix pass in reverse.
// The minibatch is cut into row tasks of rows_per_task rows; the cut never depends on the
// thread count, and gradients come back per task, so sums taken in task order are
// bit-identical for any number of threads.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "netsim/builder/model.h"
#include "netsim/builder/run_ends.h"
#include "netsim/builder/schedule.h"
#include "netsim/builder/signal_history.h"

namespace netsim {

struct ExecutorOptions {  // the step's length is the model's (Model::dt)
  Index minibatch = 1;
  Index rows_per_task = 1;
  int threads = 1;
  int unroll = 1;
  bool skip_unneeded_gradients = true;  // SimulatorOptions
  bool pack_weights = true;             // SimulatorOptions
};

// How a run is made: a training run (dropout active, masks from `draw` and the joint
// minibatch's rows from `row_offset` on) or not.
struct RunMode {
  bool training = false;
  std::uint64_t draw = 0;
  Index row_offset = 0;
};

class Executor {
 public:
  Executor(Model& model, const Schedule& schedule, ExecutorOptions options);
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  Index task_count() const;
  int threads() const { return threads_; }
  // Back to step 0: forgets the run ends.
  void reset() { ends_.clear(); }
  const RunEnds& run_ends() const { return ends_; }
  // Runs `work` on this executor's threads: TBB loops inside it use at most `threads`.
  void in_arena(const std::function<void()>& work);

  // Steps first..last as one run; saves into `history` (sized for it) when given.
  void forward(long first, long last, RunMode mode, SignalHistory* history);
  // The same on one thread, with Phase::last_step work on every step (but for whole-run
  // outputs), checking after every operator that what it wrote is finite:
  // the first non-finite write ("step 12: DotInc of connection 'a->b' wrote inf into
  // 'b.in'") and the step it happened at, or nothing.
  std::optional<std::pair<long, std::string>> forward_checked(long first, long last, RunMode mode);

  // dL/d(parameters) of the recorded run, walked back over steps first..last: one list per
  // row task, then one for the whole-run work (by Parameter::index, trainable ones sized;
  // all empty when the model has no whole-run work).
  // The probes' output gradients must be set (ProbeOp::set_output_gradient).
  std::vector<std::vector<Matrix>> backward(long first, long last, RunMode mode, const SignalHistory& history);

 private:
  struct Arena;
  Rows task_rows(Index task) const;
  // Steps first..last on the row tasks (the distinct row counts they have).
  RunShape run_shape(long first, long last) const;
  void for_each_task(const std::function<void(Rows, Index)>& fn);
  void prefix_pass(long first, long last, RunMode mode);
  void step_block(Rows rows, long first, long count, long run_end, RunMode mode, SignalHistory* history,
                  bool parallel_stages);
  void backward_walk(const std::vector<int>& order, bool last_step_phase, long first, long last, RunMode mode,
                     const SignalHistory& history, std::vector<std::vector<Matrix>>& task_grads);

  Model& model_;
  const Schedule& schedule_;
  ExecutorOptions options_;
  int threads_ = 1;
  std::unique_ptr<Arena> arena_;
  RunEnds ends_;
  SignalStore grads_;                        // dL/d(signal), allocated by the first backward
  std::vector<int> reverse_step_, reverse_prefix_;
  std::vector<bool> needed_gradients_;       // gradient_needs.h; empty: all
};

}  // namespace netsim
