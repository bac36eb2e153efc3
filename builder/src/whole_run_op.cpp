#include "netsim/builder/whole_run_op.h"

#include <algorithm>
#include <limits>

#include "fresh_memory.h"
#include "netsim/core/error.h"

namespace netsim {

WholeRunOp::WholeRunOp(Index input_size, std::vector<Reader> readers, bool step_major)
    : p_(input_size), readers_(std::move(readers)), step_major_(step_major) {
  z_.resize(readers_.size());
  dz_.resize(readers_.size());
}

void WholeRunOp::allocate(Index batch) {
  batch_ = batch;
  steps_ = 0;
}

void WholeRunOp::reserve_steps(long last_step) {
  if (last_step <= steps_) return;
  steps_ = last_step;
  detail::resize_fresh(u_, static_cast<std::size_t>(steps_ * batch_ * p_));
  if (!last_step_only_)
    for (std::size_t r = 0; r < readers_.size(); ++r)
      detail::resize_fresh(z_[r], static_cast<std::size_t>(steps_ * batch_ * readers_[r].size));
}

Index WholeRunOp::values_per_step() const {
  Index n = p_;
  if (!last_step_only_)
    for (const Reader& r : readers_) n += r.size;
  return n;
}

std::size_t WholeRunOp::bytes() const {
  std::size_t floats = u_.size() + du_.size();
  for (std::size_t r = 0; r < readers_.size(); ++r) floats += z_[r].size() + dz_[r].size();
  return floats * sizeof(float);
}

float* WholeRunOp::input(long step, Index row) { return u_.data() + ((step - 1) * batch_ + row) * p_; }

float* WholeRunOp::z_slot(std::size_t r, long step, Index row) {
  const Index out = readers_[r].size;
  if (!last_step_only_) {
    const Index index = step_major_ ? (step - 1) * batch_ + row : row * steps_ + (step - 1);
    return z_[r].data() + index * out;
  }
  if (ends_->contains(step)) return z_[r].data() + (static_cast<Index>(ends_->slot(step)) * batch_ + row) * out;
  throw Error("whole-run operator: step " + std::to_string(step) + " was not computed");
}

const float* WholeRunOp::z_slot(std::size_t r, long step, Index row) const {
  return const_cast<WholeRunOp*>(this)->z_slot(r, step, row);
}

const float* WholeRunOp::output(int reader, long step, Index row) const {
  return z_slot(static_cast<std::size_t>(reader), step, row);
}

Index WholeRunOp::end_slot(long last) {
  const auto slot = static_cast<Index>(ends_->slot(last));
  for (std::size_t r = 0; r < readers_.size(); ++r)
    detail::resize_fresh(z_[r], static_cast<std::size_t>((slot + 1) * batch_ * readers_[r].size));
  return slot;
}

void WholeRunOp::allocate_backward() {
  du_.assign(u_.size(), 0.0f);  // summed into: the collapsed LTI adds one term per run end
  // dz is written, never summed into, by the output operators' VJPs at every step and
  // row the backward pass reads, so it is only sized here (zeroing the LMU's 66 MB took
  // 4% of a training batch). New memory starts as NaN: a read before a write would
  // poison the gradients, which every backward test would see, instead of passing for 0.
  // A reader read on run ends only (while the others need every step) gets dL/dz from
  // its output operator on run ends only: every other step's is zero, set anew each
  // backward pass (the run ends change between runs).
  for (std::size_t r = 0; r < readers_.size(); ++r) {
    if (readers_[r].ends_only && !last_step_only_)
      dz_[r].assign(z_[r].size(), 0.0f);
    else if (dz_[r].size() != z_[r].size())
      dz_[r].assign(z_[r].size(), std::numeric_limits<float>::quiet_NaN());  // NaN in every build
  }
}

float* WholeRunOp::output_gradient(int reader, long step, Index row) {
  const auto r = static_cast<std::size_t>(reader);
  return dz_[r].data() + (z_slot(r, step, row) - z_[r].data());
}

const float* WholeRunOp::input_gradient(long step, Index row) const {
  return du_.data() + ((step - 1) * batch_ + row) * p_;
}

}  // namespace netsim
