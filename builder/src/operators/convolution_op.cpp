#include "netsim/builder/operators/convolution_op.h"
#include "../fresh_memory.h"

#include "image_patches.h"
#include "library_convolution.h"

namespace netsim {

ConvolutionOp::ConvolutionOp(std::string origin, SignalId src, Index src_begin, SignalId dst, Index dst_begin,
                             ConvolutionSpec spec, const Parameter* kernels, WriteMode mode, bool use_library)
    : Operator(std::move(origin), make_access({src}, dst, mode)),
      src_(src),
      dst_(dst),
      src_begin_(src_begin),
      dst_begin_(dst_begin),
      spec_(spec),
      positions_(spec.output().positions()),
      kernels_(kernels),
      mode_(mode),
      library_(use_library ? detail::LibraryConvolution::make(spec) : nullptr) {}

ConvolutionOp::~ConvolutionOp() = default;

detail::LibraryConvolution* ConvolutionOp::library_for(Index in_width, Index out_width) const {
  const bool whole_images = src_begin_ == 0 && in_width == spec_.input.size() && output_contiguous(out_width);
  return whole_images ? library_.get() : nullptr;
}

std::string ConvolutionOp::kind() const {
  const std::string kind = mode_ == WriteMode::inc ? "ConvInc" : (mode_ == WriteMode::set ? "ConvSet" : "ConvUpdate");
  return library_ ? kind + " (oneDNN)" : kind;
}

double ConvolutionOp::flops_per_row() const {
  return 2.0 * static_cast<double>(positions_) * static_cast<double>(kernels_->value.size());
}

void ConvolutionOp::allocate(Index batch) {
  patches_.resize(batch * positions_, spec_.patch_size());
  detail::poison_fresh(patches_);
}

Eigen::Map<Matrix> ConvolutionOp::patches(Index row) {
  return {patches_.data() + row * positions_ * patches_.cols(), positions_, patches_.cols()};
}

Index ConvolutionOp::images_per_block(Index width) const {
  if (!output_contiguous(width)) return 1;
  const Index bytes_per_image = positions_ * spec_.patch_size() * static_cast<Index>(sizeof(Scalar));
  return std::max<Index>(1, kPatchBlockBytes / bytes_per_image);
}

void ConvolutionOp::step(const StepContext&, SignalStore& signals, Rows rows) {
  const Matrix& k = kernels_->value;  // [F x K]
  auto x = signals.block(src_, rows);
  auto y = signals.block(dst_, rows);
  if (auto* library = library_for(x.cols(), y.cols())) {
    library->forward(x.data(), k.data(), y.data(), rows.count, mode_ == WriteMode::inc);
    return;
  }
  // A few images at a time, so that their patches are still in cache for the GEMM.
  const Index block = images_per_block(y.cols());
  for (Index r = 0; r < rows.count; r += block) {
    const Index images = std::min(block, rows.count - r);
    for (Index i = 0; i < images; ++i) detail::gather_patches(spec_, &x(r + i, src_begin_), patches(rows.begin + i).data());
    const Eigen::Map<Matrix> p(patches(rows.begin).data(), images * positions_, patches_.cols());
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
  const bool trainable = kernels_->trainable;
  const bool input_gradient = b.wants_gradient(src_);  // not for a first layer's input
  const Scalar* x = nullptr;  // the saved input, for the kernels' gradient
  Index x_stride = 0;
  if (trainable) {
    const auto saved = b.history.value(src_, b.step, rows);
    x = saved.data();
    x_stride = saved.outerStride();
  }
  if (auto* library = library_for(gx.cols(), gy.cols()); library && (!trainable || x_stride == gx.cols())) {
    if (trainable) library->backward_weights(x, gy.data(), b.parameter_grads[static_cast<std::size_t>(kernels_->index)].data(), rows.count);
    if (input_gradient) library->backward_data(gy.data(), k.data(), gx.data(), rows.count);
    if (mode_ != WriteMode::inc) gy.setZero();
    return;
  }
  const Index block = images_per_block(gy.cols());
  for (Index r = 0; r < rows.count; r += block) {
    const Index images = std::min(block, rows.count - r);
    Eigen::Map<Matrix> p(patches(rows.begin).data(), images * positions_, patches_.cols());
    Eigen::Map<Matrix> g_out(&gy(r, dst_begin_), images * positions_, k.rows());  // [P x F] per image
    if (trainable) {
      for (Index i = 0; i < images; ++i)
        detail::gather_patches(spec_, x + (r + i) * x_stride + src_begin_, patches(rows.begin + i).data());
      b.parameter_grads[static_cast<std::size_t>(kernels_->index)].noalias() += g_out.transpose() * p;
    }
    if (input_gradient) {
      p.noalias() = g_out * k;  // the patches' gradient
      for (Index i = 0; i < images; ++i) detail::scatter_patches(spec_, patches(rows.begin + i).data(), &gx(r + i, src_begin_));
    }
    if (mode_ != WriteMode::inc) g_out.setZero();
  }
}

}  // namespace netsim
