#pragma once
// What training needs of a Simulator beyond running it: recording the forward values the
// backward pass reads, the backward walk itself, dropout's training mode and the weights
// an update rule changes in place. The optimizer layer (Backprop, Trainer) uses it;
// a user who only runs networks never needs it.
//
//   netsim::SimulatorTraining training = sim.training_support();
//   training.set_recording(true);      // at step 0
//   sim.run_steps(n);
//   training.set_probe_gradients({{"p", dL_dp}});
//   auto grads = training.backward();

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "netsim/builder/simulator.h"

namespace netsim {

// A handle on one Simulator (Simulator::training_support()); valid while that Simulator
// lives where it is (ask again after moving it).
class SimulatorTraining {
 public:
  // While on, run_steps also records the forward values the backward pass needs
  // (SignalHistory). Switch it on only at step 0 (after construction or reset()); throws
  // SimulationError otherwise. Switching it off drops the history.
  void set_recording(bool on);
  bool recording() const;
  // Bytes the record of a run up to step `steps` holds for the whole minibatch, known
  // before any is spent. While recording, run_steps checks what it is about to add
  // against the free memory and throws OutOfMemoryError (netsim/core/memory_budget.h)
  // instead of allocating; check_recording_memory does the same check up front, for
  // callers that want to refuse before other work. (The constructor checks the signals
  // of the minibatch the same way.)
  std::size_t recording_bytes(long steps) const;
  void check_recording_memory(long steps) const;
  // Training runs switch dropout nodes on, with masks drawn from `draw` (the same draw
  // gives the same masks, forward and backward); off (the default) they pass values
  // through, as for evaluation and inference. `row_offset`: where this minibatch's row 0
  // sits in the joint minibatch of a data-parallel training (the masks hash joint rows).
  void set_training(bool on, std::uint64_t draw = 0, Index row_offset = 0);
  bool training() const;
  std::uint64_t draw() const;
  const SignalHistory& history() const;
  // The minibatch is cut into this many row tasks (see rows_per_task).
  Index task_count() const;
  // dL/d(probe data) for the next backward(), by probe name, shaped like probe_data;
  // probes not named get none. Throws SimulationError for an unknown probe or a wrong shape.
  void set_probe_gradients(const std::map<std::string, Array3>& gradients);
  // The backward walk over the recorded run from the current step back to step `first`
  // (Executor::backward): the parameter gradients of each row task, then of the whole-run
  // work, by Parameter::index. Sum them in this order for a thread-independent result.
  // Throws SimulationError if the run was not recorded from step 0.
  std::vector<std::vector<Matrix>> backward(long first = 1);
  // Runs `work` on the simulator's threads (SimulatorOptions::threads): the trainer's
  // elementwise passes over the parameters (optimizer/src/parallel_elementwise.h).
  void in_arena(const std::function<void()>& work);
  // The weights to update in place (an update rule's view of Simulator::parameters()).
  std::vector<Parameter*> mutable_parameters();

 private:
  friend class Simulator;
  explicit SimulatorTraining(Simulator& sim) : sim_(&sim) {}
  Simulator* sim_;
};

}  // namespace netsim
