#include "netsim/builder/operators/probe_op.h"
#include "../fresh_memory.h"

#include <algorithm>
#include <cmath>

#include "netsim/core/error.h"

namespace netsim {

ProbeOp::ProbeOp(std::string name, SignalId src, Index size, double period, bool keep_history)
    : Operator("probe '" + name + "'", {{}, {}, {src}, {}}),
      name_(std::move(name)),
      src_(src),
      size_(size),
      period_(period),
      keep_history_(keep_history) {}

bool ProbeOp::is_sampled(long step) const {
  return std::fmod(static_cast<double>(step), period_) < 1.0;
}

Index ProbeOp::samples_for(long steps) const {
  Index n = 0;
  for (long k = 1; k <= steps; ++k) n += is_sampled(k) ? 1 : 0;
  return keep_history_ ? n : std::min<Index>(n, 1);
}

void ProbeOp::allocate(Index batch) {
  batch_ = batch;
  history_.clear();
  sampled_steps_.clear();
  slot_of_.clear();
  output_gradient_ = Array3();
}

void ProbeOp::prepare(long last_step, long n_steps) {
  first_step_ = last_step + 1;
  slot_of_.assign(static_cast<std::size_t>(n_steps), -1);
  for (long i = 0; i < n_steps; ++i) {
    const long k = first_step_ + i;
    if (!is_sampled(k)) continue;
    if (keep_history_) {
      slot_of_[static_cast<std::size_t>(i)] = static_cast<long>(sampled_steps_.size());
      sampled_steps_.push_back(k);
    } else {
      slot_of_[static_cast<std::size_t>(i)] = 0;
      sampled_steps_.assign(1, k);
    }
  }
  detail::resize_fresh(history_, sampled_steps_.size() * static_cast<std::size_t>(batch_ * size_));
}

void ProbeOp::step(const StepContext& ctx, SignalStore& signals, Rows rows) {
  const long slot = slot_of_[static_cast<std::size_t>(ctx.step - first_step_)];
  if (slot < 0) return;
  auto src = signals.block(src_, rows);
  float* dst = history_.data() + (slot * batch_ + rows.begin) * size_;
  Eigen::Map<Matrix>(dst, rows.count, size_) = src;
}

void ProbeOp::set_output_gradient(const Array3& grad) {
  if (grad.size() == 0 && grad.dim(0) == 0) {  // no gradient for this probe
    output_gradient_ = Array3();
    return;
  }
  const auto samples = static_cast<Index>(sampled_steps_.size());
  if (grad.dim(0) != batch_ || grad.dim(1) != samples || grad.dim(2) != size_) {
    throw Error("probe '" + name_ + "': expected a gradient shaped (" + std::to_string(batch_) + ", " +
                std::to_string(samples) + ", " + std::to_string(size_) + "), got " + grad.shape_string());
  }
  output_gradient_ = grad;
}

void ProbeOp::vjp(const BackwardStep& b, Rows rows) {
  if (output_gradient_.size() == 0) return;
  // The sample taken at this step, if any (without history only the last one is kept).
  const auto it = std::lower_bound(sampled_steps_.begin(), sampled_steps_.end(), b.step);
  if (it == sampled_steps_.end() || *it != b.step) return;
  const Index slot = it - sampled_steps_.begin();
  auto g = b.grads.block(src_, rows);
  for (Index r = 0; r < rows.count; ++r)
    for (Index i = 0; i < size_; ++i) g(r, i) += output_gradient_(rows.begin + r, slot, i);
}

void ProbeOp::forget_samples() {
  if (!keep_history_) return;
  history_.clear();
  sampled_steps_.clear();
}

Array3 ProbeOp::data() const {
  const auto samples = static_cast<Index>(sampled_steps_.size());
  Array3 out(batch_, samples, size_);
  for (Index s = 0; s < samples; ++s)
    for (Index b = 0; b < batch_; ++b)
      for (Index i = 0; i < size_; ++i) out(b, s, i) = history_[static_cast<std::size_t>((s * batch_ + b) * size_ + i)];
  return out;
}

}  // namespace netsim
