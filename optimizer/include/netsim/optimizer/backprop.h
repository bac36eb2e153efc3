#pragma once
// Reverse-mode differentiation through time (BPTT) of a recorded simulator run.
//
//   sim.set_recording(true);            // at step 0
//   sim.run_steps(steps);
//   Backprop backprop(sim);
//   ParameterGradients g = backprop.run({{"out_p", dloss_dprobe}});
//
// The backward pass walks the simulator's schedule in reverse, step N down to 1, calling
// every operator's vector-Jacobian product (Operator::vjp). The rows of the minibatch are
// independent, so each row task runs the whole backward pass on its own thread; the
// parameter gradients of the tasks are then summed in task order, so the result does
// not depend on the thread count. With time-parallel rewrites (rewrites.h) the walk is
// the forward run in reverse: the step loop (last_step_only operators on run ends only),
// then each LtiConvolution's whole-run backward, then the prefix pass.

#include <map>
#include <string>
#include <vector>

#include "netsim/builder/simulator.h"
#include "netsim/core/array3.h"

namespace netsim {

// dL/d(weights) by Parameter::index, shaped like Parameter::value; empty for the
// parameters that are not trainable.
using ParameterGradients = std::vector<Matrix>;

// dL/d(probe data), by probe name, shaped like Simulator::probe_data (batch, samples,
// size). Probes not named here get no gradient.
using ProbeGradients = std::map<std::string, Array3>;

struct BackpropOptions {
  // Truncated BPTT: walk back at most this many steps from the last (0: all the way).
  long window = 0;
};

class Backprop {
 public:
  explicit Backprop(Simulator& simulator);

  // Throws SimulationError if the simulator did not record its run from step 0, or a
  // probe gradient names an unknown probe or has the wrong shape.
  ParameterGradients run(const ProbeGradients& probe_gradients, const BackpropOptions& options = {});

 private:
  Simulator& sim_;
  SignalStore grads_;
  std::vector<int> reverse_order_, reverse_prefix_;
  std::vector<ParameterGradients> task_grads_;
};

// Sum of squares of every gradient, then sqrt: the global norm used for clipping.
double global_norm(const ParameterGradients& grads);

}  // namespace netsim
