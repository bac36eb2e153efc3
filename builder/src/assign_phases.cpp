#include "build_steps.h"
#include "netsim/builder/operators/whole_run_output_op.h"

namespace netsim::detail {

// Every operator starts in Phase::step. The WholeRunInputOps were built in Phase::prefix;
// what they read, transitively within a step, must also run in the prefix pass; then the
// stateless step-loop work that only last-step observers see moves to Phase::last_step.
void assign_phases(Model& model, const RewriteOptions& options) {
  const std::size_t n = model.operators.size();
  const auto signals = static_cast<std::size_t>(model.signals.count());
  std::vector<std::vector<std::size_t>> writers(signals), readers(signals);
  for (std::size_t i = 0; i < n; ++i) {
    const AccessLists& a = model.operators[i]->access();
    for (const auto* list : {&a.sets, &a.incs})
      for (SignalId s : *list) writers[static_cast<std::size_t>(s)].push_back(i);
    for (SignalId s : a.reads) readers[static_cast<std::size_t>(s)].push_back(i);
  }
  auto phase = [&](std::size_t i) { return model.operators[i]->phase(); };

  // The prefix: the whole-run inputs and everything (within a step) they are computed from.
  std::vector<std::size_t> work;
  for (std::size_t i = 0; i < n; ++i)
    if (phase(i) == Phase::prefix) work.push_back(i);
  while (!work.empty()) {
    const std::size_t op = work.back();
    work.pop_back();
    for (SignalId s : model.operators[op]->access().reads)
      for (std::size_t w : writers[static_cast<std::size_t>(s)])
        if (phase(w) == Phase::step) {
          model.operators[w]->set_phase(Phase::prefix_and_step);
          work.push_back(w);
        }
  }

  // Last step only: the largest set of stateless step-loop operators whose every reader is
  // one of them or observes only the last step (start from all candidates, drop).
  std::size_t last_step_ops = 0;
  if (options.last_step_only) {
    std::vector<char> flag(n);
    for (std::size_t i = 0; i < n; ++i) flag[i] = phase(i) == Phase::step && model.operators[i]->stateless();
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t i = 0; i < n; ++i) {
        if (!flag[i]) continue;
        const AccessLists& a = model.operators[i]->access();
        bool ok = true;
        for (const auto* list : {&a.sets, &a.incs})
          for (SignalId s : *list)
            for (std::size_t r : readers[static_cast<std::size_t>(s)])
              ok = ok && (flag[r] || model.operators[r]->observes_last_step_only());
        if (!ok) {
          flag[i] = 0;
          changed = true;
        }
      }
    }
    for (std::size_t i = 0; i < n; ++i)
      if (flag[i]) {
        model.operators[i]->set_phase(Phase::last_step);
        ++last_step_ops;
      }
  }

  // A whole-run operator whose every output is added on the last step only computes only
  // that; one whose outputs are mixed learns which readers are read on run ends only (their
  // dL/dz is zero on every other step).
  for (auto& op : model.whole_run_ops) {
    std::vector<bool> ends_only(op->readers().size(), true);
    for (const auto& o : model.operators)
      if (const auto* out = dynamic_cast<const WholeRunOutputOp*>(o.get());
          out && out->whole_run_source() == op.get())
        ends_only[static_cast<std::size_t>(out->reader())] =
            ends_only[static_cast<std::size_t>(out->reader())] && o->phase() == Phase::last_step;
    bool last_only = true;
    for (std::size_t r = 0; r < ends_only.size(); ++r) {
      op->set_reader_ends_only(r, ends_only[r]);
      last_only = last_only && ends_only[r];
    }
    op->set_last_step_only(last_only);
    model.rewrite_notes.push_back(op->describe());
  }
  if (last_step_ops > 0)
    model.rewrite_notes.push_back(std::to_string(last_step_ops) +
                                  " operator(s) run only on the last step of a run (only last-step probes see them)");
}

}  // namespace netsim::detail
