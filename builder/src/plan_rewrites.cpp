#include "build_steps.h"
#include "netsim/builder/operators/whole_run_input_op.h"
#include "netsim/builder/operators/whole_run_output_op.h"
#include "netsim/builder/operators/probe_op.h"

namespace netsim::detail {

void plan_rewrites(Model& model, const RewriteOptions& options) {
  const std::size_t n = model.operators.size();
  const auto signals = static_cast<std::size_t>(model.signals.count());
  model.prefix.assign(n, 0);
  model.main.assign(n, 1);
  model.last_step_only.assign(n, 0);
  std::vector<std::vector<std::size_t>> writers(signals), readers(signals);
  for (std::size_t i = 0; i < n; ++i) {
    const AccessLists& a = model.operators[i]->access();
    for (const auto* list : {&a.sets, &a.incs})
      for (SignalId s : *list) writers[static_cast<std::size_t>(s)].push_back(i);
    for (SignalId s : a.reads) readers[static_cast<std::size_t>(s)].push_back(i);
  }

  // The prefix: the LTI inputs and everything (within a step) they are computed from.
  std::vector<std::size_t> work;
  for (std::size_t i = 0; i < n; ++i) {
    if (!dynamic_cast<const WholeRunInputOp*>(model.operators[i].get())) continue;
    model.prefix[i] = 1;
    model.main[i] = 0;
    work.push_back(i);
  }
  while (!work.empty()) {
    const std::size_t op = work.back();
    work.pop_back();
    for (SignalId s : model.operators[op]->access().reads)
      for (std::size_t w : writers[static_cast<std::size_t>(s)])
        if (!model.prefix[w]) {
          model.prefix[w] = 1;
          work.push_back(w);
        }
  }

  // last_step_only: stateless step-loop operators whose every reader is one too, or a
  // probe that keeps only the last step. The largest such set (start from all, drop).
  if (options.last_step_only) {
    auto& flag = model.last_step_only;
    for (std::size_t i = 0; i < n; ++i) flag[i] = model.main[i] && !model.prefix[i] && model.operators[i]->stateless();
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t i = 0; i < n; ++i) {
        if (!flag[i]) continue;
        const AccessLists& a = model.operators[i]->access();
        bool ok = true;
        for (const auto* list : {&a.sets, &a.incs})
          for (SignalId s : *list)
            for (std::size_t r : readers[static_cast<std::size_t>(s)]) {
              const auto* probe = dynamic_cast<const ProbeOp*>(model.operators[r].get());
              if (probe ? !probe->records_last_step_only() : !flag[r]) ok = false;
            }
        if (!ok) {
          flag[i] = 0;
          changed = true;
        }
      }
    }
  }

  for (auto& op : model.whole_run_ops) {
    bool last_only = true;
    for (std::size_t i = 0; i < n; ++i) {
      const auto* out = dynamic_cast<const WholeRunOutputOp*>(model.operators[i].get());
      if (out && &out->source() == op.get()) last_only = last_only && model.last_step_only[i];
    }
    op->set_last_step_only(last_only);
    model.rewrite_notes.push_back(op->describe());
  }
  std::size_t skipped = 0;
  for (char f : model.last_step_only) skipped += f ? 1 : 0;
  if (skipped > 0)
    model.rewrite_notes.push_back(std::to_string(skipped) +
                                  " operator(s) run only on the last step of a run (only last-step probes see them)");
}

}  // namespace netsim::detail
