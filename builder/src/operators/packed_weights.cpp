#include "packed_weights.h"
#include "../fresh_memory.h"

#include <algorithm>

#if EIGEN_WORLD_VERSION == 3 && EIGEN_MAJOR_VERSION == 4
#define NETSIM_PACKED_WEIGHTS 1
#endif

namespace netsim::detail {
#ifdef NETSIM_PACKED_WEIGHTS
namespace {

// Eigen's GEMM computes a row-major dst [rows x out] as the column-major product
//   dst^T [out x rows] += lhs [out x depth] * src^T [depth x rows]
// with lhs = W read row-major (forward) or W's storage read column-major, i.e. W^T
// (backward_data); either way lhs's stride is W's column count. Its sequential run loops
// over blocks of lhs rows (mc), then of depth (kc), then of dst rows (nc), packs lhs's
// (mc x kc) block and src^T's (kc x nc) block and calls its kernel on them. The functions
// below do the same, with lhs's blocks packed once in pack().

bool eigen_runs_gemm(Index rows, Index out, Index depth) {
  // GeneralMatrixMatrix.h, generic_product_impl<..., GemmProduct>: small sums go
  // coefficient-wise, a one-row or one-column result to its vector product.
  return depth > 0 && rows > 1 && out > 1 &&
         depth + rows + out >= EIGEN_GEMM_TO_COEFFBASED_THRESHOLD;
}

Index ceil_div(Index n, Index block) {
  return (n + block - 1) / block;
}

// Packed blocks start where Eigen's own packing buffers would: on its alignment.
Index aligned_size(Index floats) {
  constexpr Index kAlign =
      std::max<Index>(1, EIGEN_MAX_ALIGN_BYTES / static_cast<Index>(sizeof(Scalar)));
  return ceil_div(floats, kAlign) * kAlign;
}

namespace ei = Eigen::internal;
using Traits = ei::gebp_traits<Scalar, Scalar>;
using RhsMapper = ei::const_blas_data_mapper<Scalar, Index, Eigen::ColMajor>;
using ResMapper = ei::blas_data_mapper<Scalar, Index, Eigen::ColMajor, Eigen::Unaligned, 1>;

struct Blocking {
  Index kc, mc, nc;
};

// gemm_blocking_space<RowMajor, ...>(rows, out, depth, 1, true) as scaleAndAddTo builds it,
// then clipped as general_matrix_matrix_product::run clips it.
Blocking eigen_blocking(Index rows, Index out, Index depth) {
  Index kc = depth, mc = out, nc = rows;
  ei::computeProductBlockingSizes<Scalar, Scalar, 1>(kc, mc, nc, Index{1});
  return {kc, std::min(out, mc), std::min(rows, nc)};
}

template <int LhsOrder>
void pack_lhs_blocks(const Scalar* w, Index stride, Index out, Index depth, Index kc, Index mc,
                     Scalar* packed) {
  using LhsMapper = ei::const_blas_data_mapper<Scalar, Index, LhsOrder>;
  ei::gemm_pack_lhs<Scalar, Index, LhsMapper, Traits::mr, Traits::LhsProgress,
                    typename Traits::LhsPacket4Packing, LhsOrder>
      pack;
  const LhsMapper lhs(w, stride);
  const Index block = aligned_size(kc * mc);
  for (Index i2 = 0; i2 < out; i2 += mc)
    for (Index k2 = 0; k2 < depth; k2 += kc, packed += block)
      pack(packed, lhs.getSubMapper(i2, k2), std::min(k2 + kc, depth) - k2,
           std::min(i2 + mc, out) - i2);
}

}  // namespace
#endif

void PackedWeights::clear() {
  layouts_.clear();
  panels_.clear();
}

void PackedWeights::pack(const Matrix& w, std::span<const Index> row_counts) {
  clear();
#ifdef NETSIM_PACKED_WEIGHTS
  const bool forward = product_ == Product::forward;
  out_ = forward ? w.rows() : w.cols();
  depth_ = forward ? w.cols() : w.rows();
  for (const Index rows : row_counts) {
    if (!eigen_runs_gemm(rows, out_, depth_) || covers(rows)) continue;
    // (not a structured binding: clang 14, the fuzz build's compiler, cannot capture one)
    const Blocking blocking = eigen_blocking(rows, out_, depth_);
    const Index kc = blocking.kc, mc = blocking.mc, nc = blocking.nc;
    const auto same = std::find_if(layouts_.begin(), layouts_.end(),
                                   [&](const Layout& l) { return l.kc == kc && l.mc == mc; });
    if (same != layouts_.end()) {
      layouts_.push_back({rows, kc, mc, nc, same->panels});
      continue;
    }
    AlignedFloats& packed = panels_.emplace_back(static_cast<std::size_t>(
        ceil_div(out_, mc) * ceil_div(depth_, kc) * aligned_size(kc * mc)));
    if (forward)
      pack_lhs_blocks<Eigen::RowMajor>(w.data(), w.cols(), out_, depth_, kc, mc, packed.data());
    else
      pack_lhs_blocks<Eigen::ColMajor>(w.data(), w.cols(), out_, depth_, kc, mc, packed.data());
    layouts_.push_back({rows, kc, mc, nc, panels_.size() - 1});
  }
#else
  (void)w;
  (void)row_counts;
#endif
}

bool PackedWeights::covers(Index rows) const {
  return std::any_of(layouts_.begin(), layouts_.end(),
                     [&](const Layout& l) { return l.rows == rows; });
}

void PackedWeights::add_product(const Scalar* src, Index src_stride, Scalar* dst, Index dst_stride,
                                Index rows) const {
#ifdef NETSIM_PACKED_WEIGHTS
  const Layout& l = *std::find_if(layouts_.begin(), layouts_.end(),
                                  [&](const Layout& x) { return x.rows == rows; });
  const RhsMapper rhs(src, src_stride);
  const ResMapper res(dst, dst_stride);
  ei::gemm_pack_rhs<Scalar, Index, RhsMapper, Traits::nr, Eigen::ColMajor> pack_rhs;
  ei::gebp_kernel<Scalar, Scalar, Index, ResMapper, Traits::mr, Traits::nr, false, false> gebp;

  // src^T's (kc x nc) blocks, packed once per call (Eigen packs them again for every block
  // of lhs rows unless there is only one).
  const Index k_blocks = ceil_div(depth_, l.kc), j_blocks = ceil_div(rows, l.nc);
  const Index rhs_block = aligned_size(l.kc * l.nc);
  thread_local AlignedFloats packed_src;
  const auto needed = static_cast<std::size_t>(k_blocks * j_blocks * rhs_block);
  if (packed_src.size() < needed) detail::resize_fresh(packed_src, needed);
  for (Index kb = 0; kb < k_blocks; ++kb)
    for (Index jb = 0; jb < j_blocks; ++jb) {
      const Index k2 = kb * l.kc, j2 = jb * l.nc;
      pack_rhs(packed_src.data() + (kb * j_blocks + jb) * rhs_block, rhs.getSubMapper(k2, j2),
               std::min(k2 + l.kc, depth_) - k2, std::min(j2 + l.nc, rows) - j2);
    }

  const Scalar* packed_w = panels_[l.panels].data();
  const Index lhs_block = aligned_size(l.kc * l.mc);
  for (Index i2 = 0; i2 < out_; i2 += l.mc) {
    const Index actual_mc = std::min(i2 + l.mc, out_) - i2;
    for (Index kb = 0; kb < k_blocks; ++kb, packed_w += lhs_block) {
      const Index k2 = kb * l.kc, actual_kc = std::min(k2 + l.kc, depth_) - k2;
      for (Index jb = 0; jb < j_blocks; ++jb) {
        const Index j2 = jb * l.nc, actual_nc = std::min(j2 + l.nc, rows) - j2;
        gebp(res.getSubMapper(i2, j2), packed_w,
             packed_src.data() + (kb * j_blocks + jb) * rhs_block, actual_mc, actual_kc, actual_nc,
             Scalar{1});
      }
    }
  }
#else
  (void)src;
  (void)src_stride;
  (void)dst;
  (void)dst_stride;
  (void)rows;
#endif
}

}  // namespace netsim::detail
