#pragma once
// The last step of every run (each Simulator::run_steps call) since step 0, in order: the
// steps where Phase::last_step operators ran, and the slots in which the SignalHistory and
// the last-step-only whole-run operators keep their values. Recorded once, by the Executor,
// and read by everything that needs it.

#include <cstddef>
#include <string>
#include <vector>

#include "netsim/core/error.h"

namespace netsim {

class RunEnds {
 public:
  void clear() { steps_.clear(); }
  // A run that ends at `step` (ascending; adding the newest end again changes nothing).
  void add(long step) {
    if (steps_.empty() || steps_.back() != step) steps_.push_back(step);
  }
  std::size_t count() const { return steps_.size(); }
  const std::vector<long>& steps() const { return steps_; }
  bool contains(long step) const {
    for (std::size_t e = steps_.size(); e-- > 0;)
      if (steps_[e] == step) return true;
    return false;
  }
  // The position of `step` among the ends; throws if no run ended there.
  std::size_t slot(long step) const {
    for (std::size_t e = steps_.size(); e-- > 0;)
      if (steps_[e] == step) return e;
    throw Error("step " + std::to_string(step) + " did not end a run");
  }

 private:
  std::vector<long> steps_;
};

}  // namespace netsim
