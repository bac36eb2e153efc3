#include "netsim/builder/simulator_training.h"
#include "netsim/optimizer/backprop.h"

#include <cmath>

#include "netsim/core/error.h"
#include "parallel_elementwise.h"

namespace netsim {

Backprop::Backprop(Simulator& simulator) : sim_(simulator) {}

ParameterGradients Backprop::run(const ProbeGradients& probe_gradients, const BackpropOptions& options) {
  if (!sim_.training_support().recording() || sim_.training_support().history().recorded_steps() < sim_.current_step()) {
    throw SimulationError("backprop: the run was not recorded; call set_recording(true) at step 0, then run_steps");
  }
  if (options.window < 0) throw SimulationError("backprop: window: expected 0 (all steps) or a positive number of steps");
  try {
    sim_.training_support().set_probe_gradients(probe_gradients);
  } catch (const SimulationError& e) {
    throw SimulationError(std::string("backprop: ") + e.what());
  }
  const long last = sim_.current_step();
  const long first = options.window > 0 ? std::max(1L, last - options.window + 1) : 1;
  // One list per row task, then the whole-run work's: summed in this order, so the result
  // does not depend on the thread count.
  std::vector<ParameterGradients> parts = sim_.training_support().backward(first);
  ParameterGradients total = std::move(parts[0]);
  sim_.training_support().in_arena([&] {
    for (std::size_t i = 0; i < total.size(); ++i) {
      Scalar* sum = total[i].data();
      detail::for_element_chunks(total[i].size(), [&](Index begin, Index end) {
        for (std::size_t t = 1; t < parts.size(); ++t) {
          if (parts[t][i].size() == 0) continue;
          const Scalar* part = parts[t][i].data();
          for (Index e = begin; e < end; ++e) sum[e] += part[e];
        }
      });
    }
  });
  return total;
}

double global_norm(const ParameterGradients& grads) {
  double sum = 0.0;
  for (const Matrix& g : grads) {
    // Vectorised in float; in double only where float overflows (or the values are not finite).
    const float quick = g.squaredNorm();
    sum += std::isfinite(quick) ? static_cast<double>(quick) : g.cast<double>().squaredNorm();
  }
  return std::sqrt(sum);
}

}  // namespace netsim
