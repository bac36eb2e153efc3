#pragma once
// Forward values kept for the backward pass. Only the signals some operator's VJP needs
// (Operator::saved_signals) are tracked, each at every step since the last reset, as the
// operators of that step saw them:
//   a signal written by sets/incs: its value at the end of step k;
//   a signal written by an update (a synapse's output): its value at the start of step k,
//   i.e. what was read during step k, before this step's update replaced it.
// Layout per signal: [step][batch][size], so one step's row block is contiguous; a signal
// tracked `run_ends_only` keeps only the last step of each run: [end][batch][size].
// A run's last step is not copied (defer_last_step): the signals written by sets/incs still
// hold it in the signal store, and value() reads it there, until the store is about to
// change (materialize_deferred, before the next run). A one-step run (a CNN's, an MLP's)
// then copies nothing.

#include <vector>

#include "netsim/builder/run_ends.h"
#include "netsim/builder/signal_store.h"

namespace netsim {

class SignalHistory {
 public:
  // Starts tracking `id`; `read_before_update` for update targets (see above);
  // `run_ends_only` when only Phase::last_step operators read it back, so only the
  // last step of each run is saved.
  void track(SignalId id, Index size, bool read_before_update, bool run_ends_only = false);
  bool tracks(SignalId id) const;

  // The run ends (kept by the Executor) that place the run-ends-only signals' slots.
  void use_run_ends(const RunEnds* ends) { ends_ = ends; }
  // Room for steps 1..last_step for a minibatch, last_step being the newest run end; keeps
  // what is recorded so far (grows only: after clear() the memory of the previous run is
  // reused).
  void reserve_steps(Index batch, long last_step);
  // Forgets every recorded step (a reset); keeps the memory for the next run.
  void clear();
  // Forgets every recorded step and frees the memory.
  void release();
  long recorded_steps() const { return steps_; }

  // Step `step` (the end of the run about to be simulated) stays in `signals` (see above).
  void defer_last_step(long step, const SignalStore& signals);
  // Copies the deferred step in; call before anything changes the signal store.
  void materialize_deferred();

  void save_before_step(long step, const SignalStore& signals, Rows rows, bool run_end);
  void save_after_step(long step, const SignalStore& signals, Rows rows, bool run_end);

  // The rows of `id` as seen during `step` (1-based): [rows.count x size].
  Eigen::Map<const Matrix> value(SignalId id, long step, Rows rows) const;

  // Bytes of the recorded steps.
  std::size_t bytes() const;
  // Floats a recording holds per sequence: for each step (signals kept every step) and
  // for each run end (run-ends-only signals). What bytes() will reach, before it does.
  Index values_per_step() const;
  Index values_per_run_end() const;

 private:
  struct Tracked {
    SignalId id;
    Index size;
    bool before_update;
    bool run_ends_only;
    std::vector<float> values;
  };
  void save(Tracked& t, long step, const SignalStore& signals, Rows rows);
  const Tracked& find(SignalId id) const;
  // Where `step` starts in t.values (in floats, before the row offset).
  std::size_t step_offset(const Tracked& t, long step) const;

  std::vector<Tracked> tracked_;
  std::vector<int> slot_of_;  // per signal id: index into tracked_ or -1
  Index batch_ = 0;
  long steps_ = 0;
  const RunEnds* ends_ = nullptr;
  const SignalStore* deferred_ = nullptr;  // holds step deferred_step_ (sets/incs signals)
  long deferred_step_ = 0;
};

}  // namespace netsim
