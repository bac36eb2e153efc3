#include "netsim/optimizer/backprop.h"

#include <cmath>

#include "netsim/builder/operators/probe_op.h"
#include "netsim/core/error.h"

namespace netsim {

Backprop::Backprop(Simulator& simulator) : sim_(simulator), grads_(simulator.model().signals) {
  auto reverse = [](const std::vector<Stage>& stages, std::vector<int>& order) {
    for (auto stage = stages.rbegin(); stage != stages.rend(); ++stage)
      for (auto op = stage->ops.rbegin(); op != stage->ops.rend(); ++op) order.push_back(*op);
  };
  reverse(sim_.schedule().stages, reverse_order_);
  reverse(sim_.schedule().prefix_stages, reverse_prefix_);
}

ParameterGradients Backprop::run(const ProbeGradients& probe_gradients, const BackpropOptions& options) {
  Model& model = sim_.model();
  const SignalHistory& history = sim_.history();
  const long last = sim_.current_step();
  if (!sim_.recording() || history.recorded_steps() < last) {
    throw SimulationError("backprop: the run was not recorded; call set_recording(true) at step 0, then run_steps");
  }
  if (options.window < 0) throw SimulationError("backprop: window: expected 0 (all steps) or a positive number of steps");
  for (const auto& [name, grad] : probe_gradients) {
    bool found = false;
    for (const ProbeOp* p : model.probes) found = found || p->name() == name;
    if (!found) throw SimulationError("backprop: probe '" + name + "': no such probe");
  }
  for (ProbeOp* p : model.probes) {
    auto it = probe_gradients.find(p->name());
    p->set_output_gradient(it != probe_gradients.end() ? it->second : Array3());
  }
  const Index batch = sim_.options().minibatch;
  for (auto& op : model.operators) op->allocate_backward(batch);
  if (grads_.batch() != batch) grads_.allocate(batch);

  const auto tasks = static_cast<std::size_t>(sim_.task_count());
  task_grads_.resize(tasks);
  for (auto& g : task_grads_) {
    g.resize(model.parameters.size());
    for (const auto& p : model.parameters) {
      Matrix& m = g[static_cast<std::size_t>(p->index)];
      if (p->trainable) m.setZero(p->value.rows(), p->value.cols()); else m.resize(0, 0);
    }
  }
  const long first = options.window > 0 ? std::max(1L, last - options.window + 1) : 1;
  // Steps where last_step_only operators ran (and so are differentiated).
  std::vector<char> run_end(static_cast<std::size_t>(last + 1), 0);
  for (long e : sim_.run_ends())
    if (e <= last) run_end[static_cast<std::size_t>(e)] = 1;
  const auto& last_only = model.last_step_only;
  auto walk = [&](const std::vector<int>& order, bool skip_last_only) {
    sim_.for_each_task([&](Rows rows, Index task) {
      for (SignalId id = 0; id < grads_.count(); ++id) grads_.block(id, rows).setZero();
      auto& param_grads = task_grads_[static_cast<std::size_t>(task)];
      for (long k = last; k >= first; --k) {
        const BackwardStep b{k, history, grads_, param_grads, sim_.training(), sim_.draw()};
        const bool all = !skip_last_only || run_end[static_cast<std::size_t>(k)];
        for (int op : order)
          if (all || !last_only[static_cast<std::size_t>(op)]) model.operators[static_cast<std::size_t>(op)]->vjp(b, rows);
      }
    });
  };
  for (auto& op : model.whole_run_ops) op->allocate_backward();
  walk(reverse_order_, true);
  ParameterGradients whole_run_grads;
  if (!model.whole_run_ops.empty()) {
    whole_run_grads.resize(model.parameters.size());
    for (const auto& p : model.parameters)
      if (p->trainable) whole_run_grads[static_cast<std::size_t>(p->index)].setZero(p->value.rows(), p->value.cols());
    sim_.in_arena([&] {
      for (auto& op : model.whole_run_ops) op->backward(first, last, whole_run_grads);
    });
    walk(reverse_prefix_, false);
  }
  ParameterGradients total = std::move(task_grads_[0]);
  for (std::size_t t = 1; t < tasks; ++t)
    for (std::size_t i = 0; i < total.size(); ++i) total[i] += task_grads_[t][i];
  for (std::size_t i = 0; i < whole_run_grads.size(); ++i)
    if (whole_run_grads[i].size() > 0) total[i] += whole_run_grads[i];
  task_grads_[0] = ParameterGradients();
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
