#include <numeric>

#include "build_steps.h"
#include "netsim/builder/operators/convolution_op.h"
#include "netsim/builder/operators/dot_op.h"
#include "netsim/builder/operators/elementwise_op.h"
#include "netsim/builder/operators/filter_op.h"
#include "netsim/builder/operators/pooling_ops.h"
#include "netsim/core/random.h"
#include "netsim/core/slice.h"

namespace netsim::detail {
namespace {

std::vector<int> iota(Index n) {
  std::vector<int> v(static_cast<std::size_t>(n));
  std::iota(v.begin(), v.end(), 0);
  return v;
}

// The weights as the operators use them: [1 x 1] scalar, [n x 1] diagonal, [post x pre].
Matrix initial_value(const Connection& c, const BuildOptions& options) {
  switch (c.transform.kind()) {
    case Transform::Kind::scalar:
      return Matrix::Constant(1, 1, static_cast<Scalar>(c.transform.scalar_value()));
    case Transform::Kind::diagonal: return c.transform.diagonal_values().cast<Scalar>();
    case Transform::Kind::identity:  // (no weights: never asked; a matrix if it were)
    case Transform::Kind::dense:
    case Transform::Kind::init:
    case Transform::Kind::convolution:
    case Transform::Kind::average_pooling: {
      Rng rng = Rng::for_object(options.seed, c.name);
      return c.transform.to_matrix(c.pre_size(), c.post_size(), rng).cast<Scalar>();
    }
  }
  throw BuildError(c.where() +
                   ": unknown transform kind");  // every kind is handled above (-Werror=switch)
}

// The operator of a non-elementwise transform between plain column blocks:
// dst[:, dst_begin ...] (=, += or next-step =) T src[:, src_begin ...].
void add_block_transform(Model& m, const Connection& c, const Parameter* p, SignalId src, Index src_begin,
                         SignalId dst, Index dst_begin, WriteMode mode, const BuildOptions& options) {
  const std::string origin = c.where();
  switch (c.transform.kind()) {
    case Transform::Kind::convolution: {
      // oneDNN is given whole signals only: images one after another in each row block.
      const ConvolutionSpec spec = c.transform.convolution_spec();
      const bool whole_images = src_begin == 0 && m.signals.info(src).size == spec.input.size() && dst_begin == 0 &&
                                m.signals.info(dst).size == spec.output().size();
      m.add<ConvolutionOp>(origin, src, src_begin, dst, dst_begin, spec, p, mode,
                           options.rewrites.library_convolution && whole_images);
      break;
    }
    case Transform::Kind::average_pooling:
      m.add<AveragePoolingOp>(origin, src, src_begin, dst, dst_begin, c.transform.pooling_spec(), mode);
      break;
    case Transform::Kind::identity:  // (elementwise kinds are built by add_transform, not here)
    case Transform::Kind::scalar:
    case Transform::Kind::diagonal:
    case Transform::Kind::dense:
    case Transform::Kind::init:
      m.add<DotOp>(origin, src, src_begin, dst, dst_begin, p, mode, options.rewrites.blocked_weight_gradients);
      break;
  }
}

// dst[dst_idx] (=, += or next-step =) T * src[src_idx], where T is the connection's
// transform with weights `p` (nullptr for identity). Dense, convolution and pooling
// transforms on non-contiguous slices gather/scatter through a temporary signal so that
// they see plain blocks.
void add_transform(Model& m, const Connection& c, const Parameter* p, SignalId src,
                   const std::vector<int>& src_idx, SignalId dst,
                   const std::vector<int>& dst_idx, WriteMode mode, const BuildOptions& options) {
  const std::string origin = c.where();
  if (c.transform.is_elementwise()) {
    m.add<ElementwiseOp>(origin, src, src_idx, dst, dst_idx, p, mode);
    return;
  }
  SignalId x = src;
  Index x_begin = src_idx.front();
  if (!is_contiguous(src_idx)) {
    x = m.signals.add(c.name + ".pre", c.pre_size());
    m.add<ElementwiseOp>(origin, src, src_idx, x, iota(c.pre_size()), nullptr, WriteMode::set);
    x_begin = 0;
  }
  if (is_contiguous(dst_idx)) {
    add_block_transform(m, c, p, x, x_begin, dst, dst_idx.front(), mode, options);
    return;
  }
  SignalId y = m.signals.add(c.name + ".post", c.post_size());
  add_block_transform(m, c, p, x, x_begin, y, 0, WriteMode::set, options);
  m.add<ElementwiseOp>(origin, y, iota(c.post_size()), dst, dst_idx, nullptr, mode);
}

}  // namespace

const Parameter* build_parameter(Model& m, const Connection& c, const BuildOptions& options) {
  if (!c.transform.holds_weights()) return nullptr;
  const auto layout = c.transform.kind() == Transform::Kind::scalar     ? Parameter::Layout::scalar
                      : c.transform.kind() == Transform::Kind::diagonal ? Parameter::Layout::diagonal
                                                                        : Parameter::Layout::dense;
  return m.add_parameter({c.name, initial_value(c, options), c.trainable, layout});
}

void build_connection(Model& m, const Connection& c, const BuildOptions& options) {
  const Parameter* p = build_parameter(m, c, options);
  const SignalId pre = m.node_output.at(c.pre.name);
  const SignalId post = m.node_input.at(c.post.name);
  if (c.synapse.is_none()) {  // same step: add straight into post's input
    add_transform(m, c, p, pre, c.pre_indices, post, c.post_indices, WriteMode::inc, options);
    return;
  }
  // Filtered: v = T pre (this step); s = filter(v) is what post sees next step.
  const std::vector<int> all = iota(c.post_size());
  const SignalId s = m.signals.add(c.name + ".synapse", c.post_size());
  nodes::DiscreteFilter filter(c.synapse.numerator(), c.synapse.denominator(), options.dt);
  if (filter.is_pure_delay()) {
    // synapse 0: s[k+1] = T pre[k]; the transform itself is the update, no copy needed.
    add_transform(m, c, p, pre, c.pre_indices, s, all, WriteMode::update, options);
  } else {
    const SignalId v = m.signals.add(c.name + ".weighted", c.post_size());
    add_transform(m, c, p, pre, c.pre_indices, v, all, WriteMode::set, options);
    m.add<FilterOp>(c.where(), v, s, c.post_size(), std::move(filter));
  }
  m.add<ElementwiseOp>(c.where(), s, all, post, c.post_indices, nullptr, WriteMode::inc);
}

}  // namespace netsim::detail
