#include "netsim/builder/executor.h"

#include <algorithm>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "fresh_memory.h"
#include "netsim/builder/gradient_needs.h"

namespace netsim {
namespace {

// Below this much work per stage and step, running its operators concurrently costs more
// in task overhead than it saves.
constexpr double kParallelStageFlops = 2.0e5;

std::vector<int> reversed(const std::vector<Stage>& stages) {
  std::vector<int> order;
  for (auto stage = stages.rbegin(); stage != stages.rend(); ++stage)
    for (auto op = stage->ops.rbegin(); op != stage->ops.rend(); ++op) order.push_back(*op);
  return order;
}

StepContext context(long k, double dt, RunMode mode) { return {k, static_cast<double>(k) * dt, mode.training, mode.draw, mode.row_offset}; }

// Whether an operator of this phase runs at step k of a run ending at run_end (in the step loop).
bool runs_at(Phase phase, long k, long run_end) { return k == run_end || phase != Phase::last_step; }

}  // namespace

struct Executor::Arena {
  explicit Arena(int threads) : arena(threads) {}
  tbb::task_arena arena;
};

Executor::Executor(Model& model, const Schedule& schedule, ExecutorOptions options)
    : model_(model),
      schedule_(schedule),
      options_(options),
      threads_(options.threads),
      arena_(std::make_unique<Arena>(options.threads)),
      reverse_step_(reversed(schedule.stages)),
      reverse_prefix_(reversed(schedule.prefix_stages)) {
  for (auto& op : model_.whole_run_ops) op->use_run_ends(&ends_);
  if (options_.skip_unneeded_gradients) {
    needed_gradients_ = signals_needing_gradients(model_);
    for (auto& op : model_.operators) op->use_gradient_needs(needed_gradients_);
  }
}

Executor::~Executor() = default;

Index Executor::task_count() const { return (options_.minibatch + options_.rows_per_task - 1) / options_.rows_per_task; }

Rows Executor::task_rows(Index task) const {
  const Index begin = task * options_.rows_per_task;
  return {begin, std::min(options_.rows_per_task, options_.minibatch - begin)};
}

RunShape Executor::run_shape(long first, long last) const {
  RunShape shape{last - first + 1, {}, task_count(), options_.pack_weights};
  for (Index t = 0; t < task_count(); ++t) {
    const Index rows = task_rows(t).count;
    if (std::find(shape.task_rows.begin(), shape.task_rows.end(), rows) == shape.task_rows.end())
      shape.task_rows.push_back(rows);
  }
  return shape;
}

void Executor::for_each_task(const std::function<void(Rows, Index)>& fn) {
  arena_->arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<Index>(0, task_count(), 1), [&](const tbb::blocked_range<Index>& r) {
      for (Index t = r.begin(); t != r.end(); ++t) fn(task_rows(t), t);
    });
  });
}

void Executor::in_arena(const std::function<void()>& work) { arena_->arena.execute(work); }

void Executor::prefix_pass(long first, long last, RunMode mode) {
  if (model_.whole_run_ops.empty()) return;
  for (auto& op : model_.whole_run_ops) op->reserve_steps(last);
  for_each_task([&](Rows rows, Index) {
    for (long k = first; k <= last; ++k) {
      const StepContext ctx = context(k, model_.dt, mode);
      for (const Stage& stage : schedule_.prefix_stages)
        for (int op : stage.ops) model_.operators[static_cast<std::size_t>(op)]->step(ctx, model_.signals, rows);
    }
  });
  arena_->arena.execute([&] {
    for (auto& op : model_.whole_run_ops) op->compute(first, last);
  });
}

void Executor::step_block(Rows rows, long first, long count, long run_end, RunMode mode, SignalHistory* history,
                          bool parallel_stages) {
  SignalStore& signals = model_.signals;
  for (long k = first; k < first + count; ++k) {
    const StepContext ctx = context(k, model_.dt, mode);
    if (history) history->save_before_step(k, signals, rows, k == run_end);
    for (const Stage& stage : schedule_.stages) {
      auto run = [&](int index) {
        Operator& op = *model_.operators[static_cast<std::size_t>(index)];
        if (runs_at(op.phase(), k, run_end)) op.step(ctx, signals, rows);
      };
      if (parallel_stages && stage.ops.size() > 1 &&
          stage.flops_per_row * static_cast<double>(rows.count) > kParallelStageFlops) {
        tbb::parallel_for(std::size_t{0}, stage.ops.size(), [&](std::size_t i) { run(stage.ops[i]); });
      } else {
        for (int op : stage.ops) run(op);
      }
    }
    if (history) history->save_after_step(k, signals, rows, k == run_end);
  }
}

void Executor::forward(long first, long last, RunMode mode, SignalHistory* history) {
  if (last < first) return;
  const RunShape shape = run_shape(first, last);
  for (auto& op : model_.operators) op->prepare_forward(shape);
  ends_.add(last);
  if (history) {
    history->materialize_deferred();  // the previous run's end, before the store changes
    history->reserve_steps(options_.minibatch, last);
    history->defer_last_step(last, model_.signals);
  }
  prefix_pass(first, last, mode);
  const bool parallel_stages = task_count() < threads_;
  for (long block = first; block <= last; block += options_.unroll) {
    const long count = std::min<long>(options_.unroll, last - block + 1);
    for_each_task([&](Rows rows, Index) { step_block(rows, block, count, last, mode, history, parallel_stages); });
  }
}

std::optional<std::pair<long, std::string>> Executor::forward_checked(long first, long last, RunMode mode) {
  if (last < first) return std::nullopt;
  const RunShape shape{last - first + 1, {options_.minibatch}, 1, options_.pack_weights};  // one task of every row
  for (auto& op : model_.operators) op->prepare_forward(shape);
  ends_.add(last);
  prefix_pass(first, last, mode);
  const Rows all{0, options_.minibatch};
  SignalStore& signals = model_.signals;
  for (long k = first; k <= last; ++k) {
    const StepContext ctx = context(k, model_.dt, mode);
    for (const Stage& stage : schedule_.stages) {
      for (int index : stage.ops) {
        Operator& op = *model_.operators[static_cast<std::size_t>(index)];
        // To find the first bad step, last-step work runs every step here too, but for
        // whole-run outputs, which exist only on run ends.
        if (!runs_at(op.phase(), k, last) && op.whole_run_source()) continue;
        op.step(ctx, signals, all);
        const AccessLists& a = op.access();
        for (const auto* list : {&a.sets, &a.incs, &a.updates}) {
          for (SignalId id : *list) {
            const Matrix& v = signals.value(id);
            if (v.allFinite()) continue;
            const bool nan = v.array().isNaN().any();
            return std::pair{k, "step " + std::to_string(k) + ": " + op.kind() + " of " + op.origin() + " wrote " +
                                    (nan ? "NaN" : "inf") + " into '" + signals.info(id).name + "'"};
          }
        }
      }
    }
  }
  return std::nullopt;
}

void Executor::backward_walk(const std::vector<int>& order, bool last_step_phase, long first, long last, RunMode mode,
                             const SignalHistory& history, std::vector<std::vector<Matrix>>& task_grads) {
  for_each_task([&](Rows rows, Index task) {
    for (SignalId id = 0; id < grads_.count(); ++id) grads_.block(id, rows).setZero();
    auto& parameter_grads = task_grads[static_cast<std::size_t>(task)];
    if (last_step_phase)  // the first walk: this task's parameter gradients start at zero
      for (Matrix& g : parameter_grads) g.setZero();
    auto step_of = [&](long k) {
      return BackwardStep{k,         history,       grads_,         parameter_grads,
                          mode.training, mode.draw, mode.row_offset, needed_gradients_.empty() ? nullptr : &needed_gradients_,
                          task};
    };
    for (long k = last; k >= first; --k) {
      const BackwardStep b = step_of(k);
      const bool run_end = ends_.contains(k);
      for (int index : order) {
        Operator& op = *model_.operators[static_cast<std::size_t>(index)];
        if (!last_step_phase || run_end || op.phase() != Phase::last_step) op.vjp(b, rows);
      }
    }
    const BackwardStep end = step_of(first);
    for (int index : order) model_.operators[static_cast<std::size_t>(index)]->finish_backward_walk(end, rows);
  });
}

std::vector<std::vector<Matrix>> Executor::backward(long first, long last, RunMode mode, const SignalHistory& history) {
  const Index batch = options_.minibatch;
  const RunShape shape = run_shape(first, last);
  for (auto& op : model_.operators) {
    op->allocate_backward(batch);
    op->prepare_backward(shape);
  }
  if (grads_.count() != model_.signals.count() || grads_.batch() != batch) {
    grads_ = model_.signals;
    grads_.allocate(batch);
  }
  auto sized_grads = [&] {  // zeroed by the task that owns them (backward_walk), in parallel
    std::vector<Matrix> g(model_.parameters.size());
    for (const auto& p : model_.parameters)
      if (p->trainable) {
        g[static_cast<std::size_t>(p->index)].resize(p->value.rows(), p->value.cols());
        detail::poison_fresh(g[static_cast<std::size_t>(p->index)]);
      }
    return g;
  };
  // One list per row task, then the whole-run work's (empty matrices, skipped by the sum,
  // when there is none: zeroing a copy of every gradient cost 2% of a CNN batch).
  const auto tasks = static_cast<std::size_t>(task_count());
  std::vector<std::vector<Matrix>> grads(tasks + 1);
  for (std::size_t t = 0; t < tasks; ++t) grads[t] = sized_grads();
  grads[tasks] = std::vector<Matrix>(model_.parameters.size());
  if (!model_.whole_run_ops.empty())
    for (const auto& p : model_.parameters)
      if (p->trainable) grads[tasks][static_cast<std::size_t>(p->index)].setZero(p->value.rows(), p->value.cols());
  for (auto& op : model_.whole_run_ops) op->allocate_backward();
  backward_walk(reverse_step_, true, first, last, mode, history, grads);
  if (!model_.whole_run_ops.empty()) {
    arena_->arena.execute([&] {
      for (auto& op : model_.whole_run_ops) op->backward(first, last, grads.back());
    });
    backward_walk(reverse_prefix_, false, first, last, mode, history, grads);
  }
  return grads;
}

}  // namespace netsim
