#pragma once
// The order in which operators run within one step, as stages: every operator of a stage
// depends only on operators of earlier stages, so a stage's operators may run in
// parallel. Planned from the operators' access lists (operator.h) by building the
// operator dependency graph and sorting it topologically; ties are broken by creation
// order, so the same network always gives the same schedule.

#include <string>
#include <vector>

#include "netsim/builder/model.h"

namespace netsim {

struct Stage {
  std::vector<int> ops;  // indices into Model::operators, ascending
  double flops_per_row = 0.0;
};

struct Schedule {
  std::vector<Stage> stages;          // the step loop (operators with in_step_loop(phase))
  std::vector<Stage> prefix_stages;   // the prefix pass (in_prefix(phase)); empty without rewrites
  std::size_t operator_count() const;
};

// Throws BuildError if the access lists are contradictory (two setters of one signal) or
// cyclic; the algebraic-loop check in build_model reports user-level cycles first.
Schedule plan_schedule(const Model& model);

// A readable listing: one line per stage with its operators and the signals they touch,
// the prefix pass first (if any), then the rewrites' notes.
std::string describe_schedule(const Model& model, const Schedule& schedule);

}  // namespace netsim
