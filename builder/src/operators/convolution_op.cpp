#include "netsim/builder/operators/convolution_op.h"

#include "image_patches.h"

namespace netsim {

ConvolutionOp::ConvolutionOp(std::string origin, SignalId src, Index src_begin, SignalId dst, Index dst_begin,
                             ConvolutionSpec spec, const Parameter* kernels, WriteMode mode)
    : Operator(std::move(origin), make_access({src}, dst, mode)),
      src_(src),
      dst_(dst),
      src_begin_(src_begin),
      dst_begin_(dst_begin),
      spec_(spec),
      positions_(spec.output().positions()),
      kernels_(kernels),
      mode_(mode) {}

std::string ConvolutionOp::kind() const {
  return mode_ == WriteMode::inc ? "ConvInc" : (mode_ == WriteMode::set ? "ConvSet" : "ConvUpdate");
}

double ConvolutionOp::flops_per_row() const {
  return 2.0 * static_cast<double>(positions_) * static_cast<double>(kernels_->value.size());
}

void ConvolutionOp::allocate(Index batch) { patches_.resize(batch * positions_, spec_.patch_size()); }

Eigen::Map<Matrix> ConvolutionOp::patches(Index row) {
  return {patches_.data() + row * positions_ * patches_.cols(), positions_, patches_.cols()};
}

void ConvolutionOp::step(const StepContext&, SignalStore& signals, Rows rows) {
  const Matrix& k = kernels_->value;  // [F x K]
  auto x = signals.block(src_, rows);
  auto y = signals.block(dst_, rows);
  for (Index r = 0; r < rows.count; ++r) detail::gather_patches(spec_, &x(r, src_begin_), patches(rows.begin + r).data());
  // One GEMM for the whole row block when its outputs are contiguous (the post is the
  // whole signal), else one per image.
  const Index images = output_contiguous(y.cols()) ? rows.count : 1;
  for (Index r = 0; r < rows.count; r += images) {
    const Eigen::Map<Matrix> p(patches(rows.begin + r).data(), images * positions_, patches_.cols());
    Eigen::Map<Matrix> out(&y(r, dst_begin_), images * positions_, k.rows());
    if (mode_ == WriteMode::inc) {
      out.noalias() += p * k.transpose();
    } else {
      out.noalias() = p * k.transpose();
    }
  }
}

std::vector<SignalId> ConvolutionOp::saved_signals() const {
  if (kernels_->trainable) return {src_};
  return {};
}

void ConvolutionOp::vjp(const BackwardStep& b, Rows rows) {
  const Matrix& k = kernels_->value;
  auto gy = b.grads.block(dst_, rows);
  auto gx = b.grads.block(src_, rows);
  if (kernels_->trainable) {
    const auto x = b.history.value(src_, b.step, rows);
    for (Index r = 0; r < rows.count; ++r) {
      detail::gather_patches(spec_, x.data() + r * x.outerStride() + src_begin_, patches(rows.begin + r).data());
    }
  }
  const bool input_gradient = b.wants_gradient(src_);  // not for a first layer's input
  const Index images = output_contiguous(gy.cols()) ? rows.count : 1;
  for (Index r = 0; r < rows.count; r += images) {
    Eigen::Map<Matrix> p(patches(rows.begin + r).data(), images * positions_, patches_.cols());
    Eigen::Map<Matrix> g_out(&gy(r, dst_begin_), images * positions_, k.rows());  // [P x F] per image
    if (kernels_->trainable) {
      b.parameter_grads[static_cast<std::size_t>(kernels_->index)].noalias() += g_out.transpose() * p;
    }
    if (input_gradient) p.noalias() = g_out * k;  // the patches' gradient
    if (mode_ != WriteMode::inc) g_out.setZero();
  }
  if (!input_gradient) return;
  for (Index r = 0; r < rows.count; ++r) detail::scatter_patches(spec_, patches(rows.begin + r).data(), &gx(r, src_begin_));
}

}  // namespace netsim
