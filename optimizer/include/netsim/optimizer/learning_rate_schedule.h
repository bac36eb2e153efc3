#pragma once
// How the learning rate changes during training:
//   constant     lr
//   step         lr * factor^floor(epoch / every_epochs)            (epoch from 0)
//   exponential  lr * decay_rate^(iteration / decay_steps)          (Keras ExponentialDecay;
//                staircase: the exponent rounded down)

#include <optional>
#include <string>

namespace netsim {

struct LearningRateSchedule {
  enum class Kind { constant, step, exponential };
  Kind kind = Kind::constant;
  int every_epochs = 1;      // step
  double factor = 0.1;       // step
  double decay_rate = 0.96;  // exponential
  long decay_steps = 1000;   // exponential, in updates (batches)
  bool staircase = false;    // exponential

  // Throws ValidationError for out-of-range settings.
  void check() const;
  // The rate for the update after `iterations` updates, during `epoch` (0-based).
  double at(double base, int epoch, long iterations) const;
};

std::optional<LearningRateSchedule::Kind> parse_schedule_kind(const std::string& name);

}  // namespace netsim
