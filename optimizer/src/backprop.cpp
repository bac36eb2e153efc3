#include "netsim/optimizer/backprop.h"

#include <cmath>

#include "netsim/core/error.h"

namespace netsim {

Backprop::Backprop(Simulator& simulator) : sim_(simulator) {}

ParameterGradients Backprop::run(const ProbeGradients& probe_gradients, const BackpropOptions& options) {
  if (!sim_.recording() || sim_.history().recorded_steps() < sim_.current_step()) {
    throw SimulationError("backprop: the run was not recorded; call set_recording(true) at step 0, then run_steps");
  }
  if (options.window < 0) throw SimulationError("backprop: window: expected 0 (all steps) or a positive number of steps");
  try {
    sim_.set_probe_gradients(probe_gradients);
  } catch (const SimulationError& e) {
    throw SimulationError(std::string("backprop: ") + e.what());
  }
  const long last = sim_.current_step();
  const long first = options.window > 0 ? std::max(1L, last - options.window + 1) : 1;
  // One list per row task, then the whole-run work's: summed in this order, so the result
  // does not depend on the thread count.
  std::vector<ParameterGradients> parts = sim_.backward(first);
  ParameterGradients total = std::move(parts[0]);
  for (std::size_t t = 1; t < parts.size(); ++t)
    for (std::size_t i = 0; i < total.size(); ++i)
      if (parts[t][i].size() > 0) total[i] += parts[t][i];
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
