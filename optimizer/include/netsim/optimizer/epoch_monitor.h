#pragma once
// Which metric picks the best epoch and stops a training early, as Keras's monitor and
// patience: the Trainer asks it after every epoch (trainer.h, FitOptions).

#include <string>

#include "netsim/optimizer/checkpoint.h"

namespace netsim {

class EpochMonitor {
 public:
  // `monitor`: "val_accuracy", "val_loss", "accuracy" or "loss"; empty: val_accuracy, or
  // val_loss without a classification loss, without "val_" when there is no validation
  // data. Throws ValidationError("fit: monitor ...") for one the run cannot measure.
  EpochMonitor(std::string monitor, bool has_validation, bool classification, int patience);

  const std::string& name() const { return name_; }
  // Takes the epoch into `state` (best, best_epoch, wait); true when it is the best so
  // far. The value is compared as a float, as the checkpoint stores it.
  bool observe(const EpochRecord& record, TrainerState& state) const;
  // No improvement for `patience` epochs (never with patience 0).
  bool patience_exhausted(const TrainerState& state) const { return patience_ > 0 && state.wait >= patience_; }

 private:
  std::string name_;
  int patience_ = 0;
};

}  // namespace netsim
