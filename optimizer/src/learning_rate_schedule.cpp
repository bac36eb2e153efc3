#include "netsim/optimizer/learning_rate_schedule.h"

#include <cmath>

#include "netsim/core/error.h"

namespace netsim {

void LearningRateSchedule::check() const {
  if (kind == Kind::step && (every_epochs < 1 || !(factor > 0.0))) {
    throw ValidationError("learning-rate schedule step: expected every_epochs >= 1 and factor > 0");
  }
  if (kind == Kind::exponential && (decay_steps < 1 || !(decay_rate > 0.0))) {
    throw ValidationError("learning-rate schedule exponential: expected decay_steps >= 1 and decay_rate > 0");
  }
}

double LearningRateSchedule::at(double base, int epoch, long iterations) const {
  switch (kind) {
    case Kind::constant: return base;
    case Kind::step: return base * std::pow(factor, epoch / every_epochs);
    case Kind::exponential: {
      double p = static_cast<double>(iterations) / static_cast<double>(decay_steps);
      if (staircase) p = std::floor(p);
      return base * std::pow(decay_rate, p);
    }
  }
  return base;
}

std::optional<LearningRateSchedule::Kind> parse_schedule_kind(const std::string& name) {
  if (name == "constant") return LearningRateSchedule::Kind::constant;
  if (name == "step") return LearningRateSchedule::Kind::step;
  if (name == "exponential") return LearningRateSchedule::Kind::exponential;
  return std::nullopt;
}

}  // namespace netsim
