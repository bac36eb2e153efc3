#pragma once
// Records a signal at the end of each sampled step (after every set and inc, before the
// update phase, so a filtered probe records its filter's value *before* this step's
// update, exactly like Nengo).
//   reads: src
// Sampling (Nengo's rule): step k is recorded iff fmod(k, period) < 1 in double, with
// period = sample_every / dt (1 when every step is recorded).
// Storage: [samples x batch x size], or one sample when keep_history is false.

#include <vector>

#include "netsim/builder/operator.h"
#include "netsim/core/array3.h"

namespace netsim {

class ProbeOp final : public Operator {
 public:
  ProbeOp(std::string name, SignalId src, Index size, double period, bool keep_history);

  // Makes room for the samples of steps last_step+1 .. last_step+n (before they run).
  void prepare(long last_step, long n_steps);
  void allocate(Index batch) override;
  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  std::string kind() const override { return "Probe"; }
  bool has_trainable_weights() const override { return false; }

  const std::string& name() const { return name_; }
  // Keeps only the sample of a run's last step (keep_history false, every step sampled).
  bool records_last_step_only() const { return !keep_history_ && period_ == 1.0; }
  bool observes_last_step_only() const override { return records_last_step_only(); }
  Index size() const { return size_; }
  // How many samples a run of steps 1..steps leaves (1 without history, 0 if none sampled).
  Index samples_for(long steps) const;
  // (batch, samples, size)
  Array3 data() const;
  // Drops the samples held (a probe with history; the next run's samples start afresh):
  // for output streamed to disk as it is taken (Simulator::take_probe_data).
  void forget_samples();
  // The step k of every sample held.
  const std::vector<long>& sampled_steps() const { return sampled_steps_; }

  // dL/d(data()), shaped like data(); the backward pass adds sample j's gradient to the
  // probed signal at the step it was recorded. Cleared by allocate (a reset).
  void set_output_gradient(const Array3& grad);
  void vjp(const BackwardStep& b, Rows rows) override;

 private:
  bool is_sampled(long step) const;

  std::string name_;
  SignalId src_;
  Index size_;
  double period_;
  bool keep_history_;
  Index batch_ = 0;
  std::vector<float> history_;
  std::vector<long> sampled_steps_;
  long first_step_ = 0;          // first step of the prepared run
  std::vector<long> slot_of_;    // per step of the run: slot or -1
  Array3 output_gradient_;       // (batch, samples, size) or empty
};

}  // namespace netsim
