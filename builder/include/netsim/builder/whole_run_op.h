#pragma once
// Work a time-parallel rewrite (rewrites.h) does once per run instead of once per step:
// it takes an input u (p values per sequence and step, handed over during the prefix
// pass by a WholeRunInputOp), computes outputs z_r (one per reader, out_r values per
// sequence and step) for the whole run, which WholeRunOutputOps add into the step loop's
// signals. Backward the other way round: the output operators' VJPs store dL/dz_r, then
// backward() gives dL/du (to the input operator's VJP) and the readers' weight
// gradients. Kinds: LtiConvolution (an LTI memory), WholeRunDot (a dense transform of a
// signal known before the step loop).
//
// Buffers: u and dL/du [step][batch][p]; z and dL/dz per reader, [step][batch][out]
// (step_major) or [batch][step][out]; with last_step_only, z only on the last step of
// each run ([end][batch][out]).

#include <string>
#include <vector>

#include "netsim/builder/parameter.h"
#include "netsim/builder/run_ends.h"

namespace netsim {

class WholeRunOp {
 public:
  struct Reader {
    std::string connection;
    const Parameter* weights = nullptr;  // nullptr: identity
    Index size = 0;                      // out_r
    // Its output operator runs on run ends only (Phase::last_step), while other readers
    // need every step: z_r is added, and dL/dz_r written, on run ends only; on every
    // other step dL/dz_r is zero (set by the builder's last_step_only analysis).
    bool ends_only = false;
  };

  WholeRunOp(Index input_size, std::vector<Reader> readers, bool step_major);
  virtual ~WholeRunOp() = default;
  WholeRunOp(const WholeRunOp&) = delete;
  WholeRunOp& operator=(const WholeRunOp&) = delete;

  // "node 'lmu.m': LTI memory, never formed: ..." for netsim describe.
  virtual std::string describe() const = 0;
  const std::vector<Reader>& readers() const { return readers_; }
  Index input_size() const { return p_; }
  // Only the last step of each run is read (set by the builder's last_step_only analysis).
  void set_last_step_only(bool on) { last_step_only_ = on; }
  void set_reader_ends_only(std::size_t reader, bool on) { readers_[reader].ends_only = on; }
  // The run ends (kept by the Executor) that place the last-step-only outputs' slots.
  void use_run_ends(const RunEnds* ends) { ends_ = ends; }
  bool last_step_only() const { return last_step_only_; }

  // Sizes the buffers for a minibatch and forgets every step (a reset).
  void allocate(Index batch);
  // Makes room for steps 1..last_step (before the prefix pass fills them).
  void reserve_steps(long last_step);
  // Floats per sequence and step that reserve_steps holds: u, and each reader's z unless
  // only the last step is read. The backward pass adds as many again (du, dz).
  Index values_per_step() const;
  // Bytes held now (u, z, du, dz).
  std::size_t bytes() const;
  // u at `step` (1-based), row `row`: p floats to fill.
  float* input(long step, Index row);
  // Computes every reader's output for steps first..last (the inputs of steps 1..last
  // are stored), on the calling task arena's threads.
  virtual void compute(long first, long last) = 0;
  // z_r at `step` for `row`: out_r floats.
  const float* output(int reader, long step, Index row) const;

  // Whether backward() must form dL/du: false when u's source needs no gradient
  // (gradient_needs.h; told by the input operator), and du then stays zero.
  void set_input_gradient_wanted(bool on) { input_gradient_wanted_ = on; }
  // Zeroes dL/du and sizes dL/dz (zeroes it for readers read on run ends only).
  void allocate_backward();
  float* output_gradient(int reader, long step, Index row);
  // From dL/dz (steps first..last; zero elsewhere): adds dL/dW_r into
  // parameter_grads[W_r->index] (trainable readers) and forms dL/du for steps first..last.
  virtual void backward(long first, long last, std::vector<Matrix>& parameter_grads) = 0;
  const float* input_gradient(long step, Index row) const;

 protected:
  float* z_slot(std::size_t r, long step, Index row);
  const float* z_slot(std::size_t r, long step, Index row) const;
  // last_step_only: the slot of the run end `last` (the newest), z sized to hold it.
  Index end_slot(long last);

  Index p_;
  std::vector<Reader> readers_;
  bool step_major_;
  bool last_step_only_ = false;
  bool input_gradient_wanted_ = true;
  Index batch_ = 0;
  long steps_ = 0;                         // steps held in u_
  std::vector<float> u_, du_;
  std::vector<std::vector<float>> z_, dz_;
  const RunEnds* ends_ = nullptr;          // last_step_only: z is held for these steps
};

}  // namespace netsim
