#pragma once
// Runs a Network: builds it (build_model), plans its schedule (plan_schedule) and steps
// it for a whole minibatch of independent sequences at once.
//
//   netsim::Simulator sim(net, {.dt = 1.0, .minibatch = 100, .unroll = 16});
//   sim.set_input("x", images);            // (batch, steps, size)
//   sim.run_steps(784);
//   netsim::Array3 h = sim.probe_data("h_p");   // (batch, samples, size)
//
// Parallelism: the minibatch is cut into tasks of `rows_per_task` rows, run by oneTBB;
// each task runs `unroll` whole steps before the threads meet again. When there are
// fewer tasks than threads (small minibatches), the operators of a stage also run in
// parallel. The cut depends on the minibatch and the machine, never on the `threads`
// option, so results are bit-identical with 1 thread or many.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "netsim/builder/model.h"
#include "netsim/builder/schedule.h"
#include "netsim/core/array3.h"
#include "netsim/core/network.h"

namespace netsim {

class SimulatorTraining;

struct SimulatorOptions {
  double dt = 0.001;          // seconds per step (Nengo's default)
  Index minibatch = 1;        // sequences simulated together
  int unroll = 1;             // steps per scheduled block (K)
  std::uint64_t seed = 0;     // for initialisers
  int threads = 0;            // 0: every hardware thread
  // Minibatch rows per parallel task; 0 (auto): the minibatch split evenly over the
  // machine's hardware threads, at least 8 rows a task. Never depends on `threads`.
  Index rows_per_task = 0;
  // Time-parallel rewrites (rewrites.h); all on by default. Switching them off gives the
  // plain step-by-step schedule (same results to float rounding).
  RewriteOptions rewrites;
  // Spiking neurons (lif, spiking_rectified_linear) run as their rate twins (lif_rate,
  // rectified_linear): what training differentiates (NengoDL's way; netsim train sets it,
  // netsim eval --rates too). Off: they spike.
  bool rate_twins = false;
  // With rate_twins: lif neurons that declare no smoothing run as SoftLIF with this sigma
  // (train.lif_smoothing); 0: as declared.
  double lif_smoothing = 0.0;
  // With rate_twins: lif neurons' forward pass is the exact LIF rate (what their spikes
  // average to) and only the gradient is SoftLIF's (train.lif_forward: exact).
  bool lif_exact_forward = false;
  // The backward pass skips the gradients of signals no trainable weight influences (a
  // first layer's input; gradient_needs.h). Off: every gradient, as a reference.
  bool skip_unneeded_gradients = true;
  // Dense products lay their weights out once per run for Eigen's kernel instead of at
  // every step (builder/src/operators/packed_weights.h). Off: Eigen's expression every
  // step, as a reference; the results are the same bits either way.
  bool pack_weights = true;
};

class Simulator {
 public:
  explicit Simulator(const Network& network, SimulatorOptions options = {});
  ~Simulator();
  Simulator(Simulator&&) noexcept;
  Simulator& operator=(Simulator&&) noexcept;

  // Data for an input node, shaped (minibatch, steps, node size); row k-1 feeds step k.
  // Throws SimulationError naming the node if it is not an input node or the shape is wrong.
  void set_input(const std::string& node, Array3 data);

  // Advances every sequence n steps. Throws SimulationError (before running anything) if
  // an input node has no data or too few steps.
  void run_steps(long n);
  // Back to step 0: signals, synapse states and probe data cleared; inputs kept.
  void reset();

  long current_step() const;
  double time() const;  // current_step() * dt
  const SimulatorOptions& options() const;

  // (minibatch, samples, size); throws SimulationError for an unknown probe.
  Array3 probe_data(const std::string& probe) const;
  // The time k dt of every sample held by the probe.
  std::vector<double> probe_times(const std::string& probe) const;
  // probe_data, then forgets those samples (a probe with history): a long run taken piece
  // by piece (netsim run streams probes to disk so) holds one piece at a time.
  Array3 take_probe_data(const std::string& probe);
  std::vector<std::string> probe_names() const;

  // The weights of a connection (by its key); throws SimulationError if it holds none.
  const Parameter& parameter(const std::string& connection) const;
  // Replaces a connection's weights (same shape as parameter(connection).value); throws
  // SimulationError naming the connection and both shapes otherwise. Takes effect from
  // the next step.
  void set_parameter(const std::string& connection, const Matrix& value);
  // Every connection that holds weights, in connection order.
  std::vector<const Parameter*> parameters() const;

  // Bytes the rewritten operators' whole-run buffers (LTI memories, time-batched
  // products: every step's input and output) hold for a run up to step `steps`, forward
  // only; run_steps checks these against the free memory too.
  std::size_t whole_run_bytes(long steps) const;
  // What training needs beyond running (recording, the backward walk, dropout's training
  // mode, the weights to update in place): simulator_training.h. Used by the optimizer
  // layer (Backprop, Trainer); a handle, valid while this Simulator lives and is not moved.
  SimulatorTraining training_support();
  // The input nodes and their sizes, in network order.
  struct InputInfo {
    std::string node;
    Index size = 0;
  };
  std::vector<InputInfo> inputs() const;
  // A probe's size, and how many samples it records in a run of `steps` steps.
  Index probe_size(const std::string& probe) const;
  Index probe_samples(const std::string& probe, long steps) const;
  // Runs n steps like run_steps, on one thread, checking after every operator that what
  // it wrote is finite. Returns a description of the first non-finite write ("step 12:
  // DotInc of connection 'a->b' wrote inf into 'b.in'"), or nothing if all were finite.
  std::optional<std::string> run_steps_checked(long n);

  const Model& model() const;
  const Schedule& schedule() const;
  // Stages and operators, one line each (describe_schedule) with a header line.
  std::string describe() const;

 private:
  friend class SimulatorTraining;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace netsim
