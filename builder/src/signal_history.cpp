#include "netsim/builder/signal_history.h"

#include <algorithm>
#include <cstring>

#include "fresh_memory.h"
#include "netsim/core/error.h"

namespace netsim {

void SignalHistory::track(SignalId id, Index size, bool read_before_update, bool run_ends_only) {
  if (tracks(id)) {
    Tracked& t = tracked_[static_cast<std::size_t>(slot_of_[static_cast<std::size_t>(id)])];
    t.run_ends_only = t.run_ends_only && run_ends_only;
    return;
  }
  if (static_cast<std::size_t>(id) >= slot_of_.size()) slot_of_.resize(static_cast<std::size_t>(id) + 1, -1);
  slot_of_[static_cast<std::size_t>(id)] = static_cast<int>(tracked_.size());
  tracked_.push_back({id, size, read_before_update, run_ends_only, {}});
}

bool SignalHistory::tracks(SignalId id) const {
  return static_cast<std::size_t>(id) < slot_of_.size() && slot_of_[static_cast<std::size_t>(id)] >= 0;
}

void SignalHistory::reserve_steps(Index batch, long last_step) {
  if (batch != batch_) release();
  batch_ = batch;
  steps_ = std::max(steps_, last_step);
  for (Tracked& t : tracked_) {
    const auto slots = static_cast<Index>(t.run_ends_only ? static_cast<long>(ends_->count()) : steps_);
    const auto need = static_cast<std::size_t>(slots * batch_ * t.size);
    if (t.values.size() < need) detail::resize_fresh(t.values, need);
  }
}

Index SignalHistory::values_per_step() const {
  Index n = 0;
  for (const Tracked& t : tracked_) n += t.run_ends_only ? 0 : t.size;
  return n;
}

Index SignalHistory::values_per_run_end() const {
  Index n = 0;
  for (const Tracked& t : tracked_) n += t.run_ends_only ? t.size : 0;
  return n;
}

void SignalHistory::clear() {
  steps_ = 0;
  deferred_ = nullptr;
}

void SignalHistory::release() {
  steps_ = 0;
  deferred_ = nullptr;
  for (Tracked& t : tracked_) {
    t.values.clear();
    t.values.shrink_to_fit();
  }
}

std::size_t SignalHistory::step_offset(const Tracked& t, long step) const {
  if (!t.run_ends_only) return static_cast<std::size_t>((step - 1) * batch_ * t.size);
  if (!ends_->contains(step))
    throw Error("SignalHistory: signal " + std::to_string(t.id) + " is kept only on run ends, not at step " +
                std::to_string(step));
  return ends_->slot(step) * static_cast<std::size_t>(batch_ * t.size);
}

void SignalHistory::save(Tracked& t, long step, const SignalStore& signals, Rows rows) {
  const auto offset = step_offset(t, step) + static_cast<std::size_t>(rows.begin * t.size);
  // Full-width row blocks of a row-major signal are contiguous.
  std::memcpy(t.values.data() + offset, signals.block(t.id, rows).data(),
              static_cast<std::size_t>(rows.count * t.size) * sizeof(float));
}

void SignalHistory::save_before_step(long step, const SignalStore& signals, Rows rows, bool run_end) {
  for (Tracked& t : tracked_)
    if (t.before_update && (run_end || !t.run_ends_only)) save(t, step, signals, rows);
}

void SignalHistory::save_after_step(long step, const SignalStore& signals, Rows rows, bool run_end) {
  if (deferred_ && step == deferred_step_) return;  // stays in the store
  for (Tracked& t : tracked_)
    if (!t.before_update && (run_end || !t.run_ends_only)) save(t, step, signals, rows);
}

void SignalHistory::defer_last_step(long step, const SignalStore& signals) {
  materialize_deferred();
  deferred_ = &signals;
  deferred_step_ = step;
}

void SignalHistory::materialize_deferred() {
  if (!deferred_) return;
  const SignalStore& signals = *deferred_;
  deferred_ = nullptr;
  for (Tracked& t : tracked_)
    if (!t.before_update) save(t, deferred_step_, signals, {0, batch_});
}

const SignalHistory::Tracked& SignalHistory::find(SignalId id) const {
  if (!tracks(id)) throw Error("SignalHistory: signal " + std::to_string(id) + " is not recorded");
  return tracked_[static_cast<std::size_t>(slot_of_[static_cast<std::size_t>(id)])];
}

Eigen::Map<const Matrix> SignalHistory::value(SignalId id, long step, Rows rows) const {
  const Tracked& t = find(id);
  if (step < 1 || step > steps_) {
    throw Error("SignalHistory: step " + std::to_string(step) + " not recorded (have 1.." + std::to_string(steps_) + ")");
  }
  if (deferred_ && step == deferred_step_ && !t.before_update) return {deferred_->block(t.id, rows).data(), rows.count, t.size};
  const auto offset = step_offset(t, step) + static_cast<std::size_t>(rows.begin * t.size);
  return {t.values.data() + offset, rows.count, t.size};
}

std::size_t SignalHistory::bytes() const {
  std::size_t n = 0;
  for (const Tracked& t : tracked_) {
    const auto slots = static_cast<Index>(t.run_ends_only ? static_cast<long>(ends_->count()) : steps_);
    n += static_cast<std::size_t>(slots * batch_ * t.size) * sizeof(float);
  }
  return n;
}

}  // namespace netsim
