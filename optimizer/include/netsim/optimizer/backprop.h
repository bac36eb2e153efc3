#pragma once
// Reverse-mode differentiation through time (BPTT) of a recorded simulator run.
//
//   sim.training_support().set_recording(true);  // at step 0
//   sim.run_steps(steps);
//   Backprop backprop(sim);
//   ParameterGradients g = backprop.run({{"out_p", dloss_dprobe}});
//
// Backprop hands the probes' gradients to the simulator, asks it for the backward walk
// (the builder's Executor: the forward walk mirrored, every operator's vector-Jacobian
// product, step N down to 1, each row task on its own thread) and sums the row tasks'
// parameter gradients in task order, so the result does not depend on the thread count.

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
};

// Sum of squares of every gradient, then sqrt: the global norm used for clipping.
double global_norm(const ParameterGradients& grads);

}  // namespace netsim
