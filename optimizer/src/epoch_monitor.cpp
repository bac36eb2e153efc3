#include "netsim/optimizer/epoch_monitor.h"

#include <optional>

#include "netsim/core/error.h"

namespace netsim {
namespace {

std::optional<double> monitored_value(const std::string& monitor, const EpochRecord& r) {
  if (monitor == "loss") return r.train.loss;
  if (monitor == "accuracy") return r.train.accuracy;
  if (monitor == "val_loss" && r.validation) return r.validation->loss;
  if (monitor == "val_accuracy" && r.validation) return r.validation->accuracy;
  return std::nullopt;
}

}  // namespace

EpochMonitor::EpochMonitor(std::string monitor, bool has_validation, bool classification, int patience)
    : name_(std::move(monitor)), patience_(patience) {
  if (patience < 0) throw ValidationError("fit: patience: expected 0 (off) or a positive number of epochs");
  if (name_.empty()) name_ = std::string(has_validation ? "val_" : "") + (classification ? "accuracy" : "loss");
  if (name_ != "loss" && name_ != "accuracy" && name_ != "val_loss" && name_ != "val_accuracy") {
    throw ValidationError("fit: monitor: expected loss, accuracy, val_loss or val_accuracy, got \"" + name_ + "\"");
  }
  if (name_.starts_with("val_") && !has_validation) throw ValidationError("fit: monitor " + name_ + " needs validation data");
  if (name_.ends_with("accuracy") && !classification) {
    throw ValidationError("fit: monitor " + name_ + " needs a classification loss (sparse_categorical_crossentropy or multiclass_hinge)");
  }
}

bool EpochMonitor::observe(const EpochRecord& record, TrainerState& state) const {
  const std::optional<double> value = monitored_value(name_, record);
  const auto rounded = static_cast<float>(value.value_or(0.0));  // as stored in the checkpoint
  const bool higher_is_better = name_.ends_with("accuracy");
  const bool improved =
      value && (state.best_epoch == 0 || (higher_is_better ? rounded > state.best : rounded < state.best));
  if (improved) {
    state.best = rounded;
    state.best_epoch = record.epoch;
    state.wait = 0;
  } else {
    ++state.wait;
  }
  return improved;
}

}  // namespace netsim
