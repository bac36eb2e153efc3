#include "library_convolution.h"

#include "netsim/builder/rewrites.h"

#ifdef NETSIM_WITH_ONEDNN

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "onednn_support.h"

namespace netsim {
bool built_with_onednn() {
  return true;
}
}  // namespace netsim

namespace netsim::detail {

using namespace onednn;

// The primitives for one image count (the row tasks' sizes: usually one or two).
struct ConvolutionPrimitives {
  memory::desc src, dst, user_kernels;
  dnnl::convolution_forward::primitive_desc forward_pd, accumulate_pd;
  dnnl::convolution_forward forward, accumulate;
  dnnl::convolution_backward_data::primitive_desc data_pd;
  dnnl::convolution_backward_data data;
  dnnl::convolution_backward_weights::primitive_desc weights_pd;
  dnnl::convolution_backward_weights weights;
  dnnl::reorder kernels_to_forward, kernels_to_data, weights_to_user;
};

struct LibraryConvolution::Impl {
  ConvolutionSpec spec;
  std::mutex mutex;
  std::map<Index, std::unique_ptr<ConvolutionPrimitives>> by_images;

  // The primitives for `images` images, made on first use.
  ConvolutionPrimitives& primitives(Index images) {
    std::lock_guard lock(mutex);
    auto& slot = by_images[images];
    if (!slot) slot = make(images);
    return *slot;
  }

  std::unique_ptr<ConvolutionPrimitives> make(Index images) const {
    const ImageShape out = spec.output();
    const Window2D& w = spec.window;
    const memory::dims strides{w.stride_y, w.stride_x};
    const Index top = w.pad_top(spec.input.height), left = w.pad_left(spec.input.width);
    const memory::dims pad_l{top, left};
    // oneDNN wants the padding after the image too; where the last window ends inside the
    // image (valid, strided), 0 gives the same output size.
    const memory::dims pad_r{
        std::max<Index>(0, (out.height - 1) * w.stride_y + w.height - spec.input.height - top),
        std::max<Index>(0, (out.width - 1) * w.stride_x + w.width - spec.input.width - left)};
    auto p = std::make_unique<ConvolutionPrimitives>();
    p->src = memory::desc({images, spec.input.channels, spec.input.height, spec.input.width}, kF32,
                          Tag::nhwc);
    p->dst = memory::desc({images, spec.filters, out.height, out.width}, kF32, Tag::nhwc);
    const memory::dims kernel_dims{spec.filters, spec.input.channels, w.height, w.width};
    p->user_kernels = memory::desc(kernel_dims, kF32, Tag::ohwi);
    const memory::desc any_kernels(kernel_dims, kF32, Tag::any);
    const auto direct = dnnl::algorithm::convolution_direct;

    const dnnl::primitive_attr attr = attributes(false), sum_attr = attributes(true);

    this_threads_stream();  // one OpenMP thread on this thread before choosing kernels
    const dnnl::convolution_forward::desc fd(dnnl::prop_kind::forward_training, direct, p->src,
                                             any_kernels, p->dst, strides, pad_l, pad_r);
    p->forward_pd = {fd, attr, cpu_engine()};
    p->accumulate_pd = {fd, sum_attr, cpu_engine()};
    p->forward = dnnl::convolution_forward(p->forward_pd);
    p->accumulate = dnnl::convolution_forward(p->accumulate_pd);
    const dnnl::convolution_backward_data::desc dd(direct, p->src, any_kernels, p->dst, strides,
                                                   pad_l, pad_r);
    p->data_pd = {dd, attr, cpu_engine(), p->forward_pd};
    p->data = dnnl::convolution_backward_data(p->data_pd);
    const dnnl::convolution_backward_weights::desc wd(direct, p->src, any_kernels, p->dst, strides,
                                                      pad_l, pad_r);
    p->weights_pd = {wd, attr, cpu_engine(), p->forward_pd};
    p->weights = dnnl::convolution_backward_weights(p->weights_pd);
    auto reorder = [&](const memory::desc& from, const memory::desc& to) {
      return dnnl::reorder(dnnl::reorder::primitive_desc(cpu_engine(), from, cpu_engine(), to));
    };
    if (p->forward_pd.weights_desc() != p->accumulate_pd.weights_desc())
      throw std::logic_error("oneDNN chose different kernel layouts for = and += (" +
                             spec.to_string() + ")");
    p->kernels_to_forward = reorder(p->user_kernels, p->forward_pd.weights_desc());
    p->kernels_to_data = reorder(p->user_kernels, p->data_pd.weights_desc());
    p->weights_to_user = reorder(p->weights_pd.diff_weights_desc(), p->user_kernels);
    return p;
  }
};

namespace {

thread_local std::vector<float> t_kernels, t_gradient;

// The kernels in the layout `wanted`: the user's own when they already are.
const void* kernels_as(const ConvolutionPrimitives& p, const memory::desc& wanted,
                       const dnnl::reorder& reorder, const Scalar* kernels, dnnl::stream& stream) {
  if (wanted == p.user_kernels) return kernels;
  memory to = wrap(wanted, scratch(t_kernels, wanted.get_size()));
  memory from = wrap(p.user_kernels, kernels);
  reorder.execute(stream, from, to);
  return to.get_data_handle();
}

}  // namespace

std::unique_ptr<LibraryConvolution> LibraryConvolution::make(const ConvolutionSpec& spec) {
  auto impl = std::make_unique<Impl>();
  impl->spec = spec;
  return std::unique_ptr<LibraryConvolution>(new LibraryConvolution(std::move(impl)));
}

LibraryConvolution::LibraryConvolution(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LibraryConvolution::~LibraryConvolution() = default;

void LibraryConvolution::forward(const Scalar* x, const Scalar* kernels, Scalar* y, Index images,
                                 bool accumulate) {
  dnnl::stream& stream = this_threads_stream();
  const ConvolutionPrimitives& p = impl_->primitives(images);
  const auto& pd = accumulate ? p.accumulate_pd : p.forward_pd;
  const void* k = kernels_as(p, pd.weights_desc(), p.kernels_to_forward, kernels, stream);
  (accumulate ? p.accumulate : p.forward)
      .execute(stream, {{DNNL_ARG_SRC, wrap(p.src, x)},
                        {DNNL_ARG_WEIGHTS, wrap(pd.weights_desc(), k)},
                        {DNNL_ARG_DST, wrap(p.dst, y)},
                        {DNNL_ARG_SCRATCHPAD, scratchpad_for(pd.scratchpad_desc())}});
  stream.wait();
}

void LibraryConvolution::backward_data(const Scalar* gy, const Scalar* kernels, Scalar* gx,
                                       Index images) {
  dnnl::stream& stream = this_threads_stream();
  const ConvolutionPrimitives& p = impl_->primitives(images);
  const void* k = kernels_as(p, p.data_pd.weights_desc(), p.kernels_to_data, kernels, stream);
  const std::size_t n = p.src.get_size() / sizeof(Scalar);
  Scalar* g = scratch(t_gradient, p.src.get_size());
  p.data.execute(stream, {{DNNL_ARG_DIFF_DST, wrap(p.dst, gy)},
                          {DNNL_ARG_WEIGHTS, wrap(p.data_pd.weights_desc(), k)},
                          {DNNL_ARG_DIFF_SRC, wrap(p.src, g)},
                          {DNNL_ARG_SCRATCHPAD, scratchpad_for(p.data_pd.scratchpad_desc())}});
  stream.wait();
  add(g, gx, n);
}

void LibraryConvolution::backward_weights(const Scalar* x, const Scalar* gy, Scalar* gk,
                                          Index images) {
  dnnl::stream& stream = this_threads_stream();
  const ConvolutionPrimitives& p = impl_->primitives(images);
  const memory::desc& theirs = p.weights_pd.diff_weights_desc();
  const std::size_t n = p.user_kernels.get_size() / sizeof(Scalar);
  // Their layout first (in the kernels' scratch), then ours (in the gradient's).
  Scalar* in_their_layout = scratch(t_kernels, theirs.get_size());
  p.weights.execute(stream,
                    {{DNNL_ARG_SRC, wrap(p.src, x)},
                     {DNNL_ARG_DIFF_DST, wrap(p.dst, gy)},
                     {DNNL_ARG_DIFF_WEIGHTS, wrap(theirs, in_their_layout)},
                     {DNNL_ARG_SCRATCHPAD, scratchpad_for(p.weights_pd.scratchpad_desc())}});
  const Scalar* g = in_their_layout;
  if (theirs != p.user_kernels) {
    Scalar* ours = scratch(t_gradient, p.user_kernels.get_size());
    memory from = wrap(theirs, in_their_layout), to = wrap(p.user_kernels, ours);
    p.weights_to_user.execute(stream, from, to);
    g = ours;
  }
  stream.wait();
  add(g, gk, n);
}

}  // namespace netsim::detail

#else  // built without oneDNN

namespace netsim {
bool built_with_onednn() {
  return false;
}
}  // namespace netsim

namespace netsim::detail {

struct LibraryConvolution::Impl {};
std::unique_ptr<LibraryConvolution> LibraryConvolution::make(const ConvolutionSpec&) {
  return nullptr;
}
LibraryConvolution::LibraryConvolution(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LibraryConvolution::~LibraryConvolution() = default;
void LibraryConvolution::forward(const Scalar*, const Scalar*, Scalar*, Index, bool) {}
void LibraryConvolution::backward_data(const Scalar*, const Scalar*, Scalar*, Index) {}
void LibraryConvolution::backward_weights(const Scalar*, const Scalar*, Scalar*, Index) {}

}  // namespace netsim::detail

#endif
