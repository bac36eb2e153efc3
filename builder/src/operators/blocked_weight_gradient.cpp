#include "blocked_weight_gradient.h"
#include "../fresh_memory.h"

namespace netsim::detail {

void BlockedWeightGradient::start(Index tasks) {
  blocks_.resize(static_cast<std::size_t>(tasks));
  for (Block& b : blocks_) b.steps = 0;  // nothing held back from an interrupted pass
}

void BlockedWeightGradient::add(Index task, const ConstBlock& grad_dst, const ConstBlock& src,
                                Matrix& grad) {
  Block& b = blocks_.at(static_cast<std::size_t>(task));
  const Index rows = grad_dst.rows(), capacity = steps_per_block(rows) * rows;
  if (b.steps > 0 && b.rows != rows) flush(task, grad);  // a task's rows never change; kept safe
  if (b.grad_dst.rows() != capacity || b.grad_dst.cols() != grad_dst.cols() ||
      b.src.cols() != src.cols()) {
    b.grad_dst.resize(capacity, grad_dst.cols());
    b.src.resize(capacity, src.cols());
    detail::poison_fresh(b.grad_dst);
    detail::poison_fresh(b.src);
  }
  b.rows = rows;
  b.grad_dst.middleRows(b.steps * rows, rows) = grad_dst;
  b.src.middleRows(b.steps * rows, rows) = src;
  if (++b.steps == steps_per_block(rows)) flush(task, grad);
}

void BlockedWeightGradient::flush(Index task, Matrix& grad) {
  Block& b = blocks_.at(static_cast<std::size_t>(task));
  if (b.steps == 0) return;
  const Index n = b.steps * b.rows;
  grad.noalias() += b.grad_dst.topRows(n).transpose() * b.src.topRows(n);
  b.steps = 0;
}

}  // namespace netsim::detail
