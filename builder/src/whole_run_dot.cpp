#include "netsim/builder/whole_run_dot.h"

#include <tbb/parallel_for.h>

namespace netsim {
namespace {

// Steps per parallel GEMM: fixed, so the order in which the chunks' weight gradients are
// summed (and so every bit of the result) does not depend on the threads.
constexpr long kStepsPerChunk = 32;

}  // namespace

WholeRunDot::WholeRunDot(std::string connection, const Parameter* weights, Index p, Index out)
    : WholeRunOp(p, {{std::move(connection), weights, out}}, /*step_major=*/true) {}

std::string WholeRunDot::describe() const {
  return "connection '" + readers_[0].connection + "': its input is known before the step loop: " +
         (last_step_only_ ? "computed on the last step only (only the last step is read)"
                          : "one GEMM over every step of the run instead of one per step");
}

void WholeRunDot::compute(long first, long last) {
  const Matrix& w = readers_[0].weights->value;
  const Index out = readers_[0].size;
  if (last_step_only_) {
    const Index slot = end_slot(last);
    Eigen::Map<Matrix>(z_[0].data() + slot * batch_ * out, batch_, out).noalias() =
        Eigen::Map<const Matrix>(input(last, 0), batch_, p_) * w.transpose();
    return;
  }
  const long chunks = (last - first + kStepsPerChunk) / kStepsPerChunk;
  tbb::parallel_for(0L, chunks, [&](long c) {
    const long begin = first + c * kStepsPerChunk, end = std::min(last, begin + kStepsPerChunk - 1);
    const Index rows = (end - begin + 1) * batch_;
    Eigen::Map<Matrix>(z_slot(0, begin, 0), rows, out).noalias() =
        Eigen::Map<const Matrix>(input(begin, 0), rows, p_) * w.transpose();
  });
}

void WholeRunDot::backward(long first, long last, std::vector<Matrix>& parameter_grads) {
  const Parameter* w = readers_[0].weights;
  const Index out = readers_[0].size;
  auto step_block = [&](long begin, long end, long slot_step) {
    const Index rows = (end - begin + 1) * batch_;
    const Eigen::Map<const Matrix> dz(dz_[0].data() + (z_slot(0, slot_step, 0) - z_[0].data()), rows, out);
    const Eigen::Map<const Matrix> u(input(begin, 0), rows, p_);
    if (input_gradient_wanted_) Eigen::Map<Matrix>(du_.data() + ((begin - 1) * batch_) * p_, rows, p_).noalias() = dz * w->value;
    return Matrix(dz.transpose() * u);
  };
  if (last_step_only_) {
    for (long end : ends_->steps()) {
      if (end < first || end > last) continue;
      const Matrix g = step_block(end, end, end);
      if (w->trainable) parameter_grads[static_cast<std::size_t>(w->index)] += g;
    }
    return;
  }
  const long chunks = (last - first + kStepsPerChunk) / kStepsPerChunk;
  std::vector<Matrix> grads(static_cast<std::size_t>(chunks));
  tbb::parallel_for(0L, chunks, [&](long c) {
    const long begin = first + c * kStepsPerChunk, end = std::min(last, begin + kStepsPerChunk - 1);
    grads[static_cast<std::size_t>(c)] = step_block(begin, end, begin);
  });
  if (w->trainable)
    for (const Matrix& g : grads) parameter_grads[static_cast<std::size_t>(w->index)] += g;
}

}  // namespace netsim
