#include "netsim/builder/lti_convolution.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <type_traits>

#include "batched_fft.h"
#include "fresh_memory.h"
#include "netsim/core/error.h"

namespace netsim {
namespace {

using Complex = std::complex<float>;
using detail::Lanes;
using detail::load_lanes;
using detail::store_lanes;

// Rows of the minibatch per backward chunk: fixed, so the order in which the chunks' kernel
// gradients are summed (and so every bit of the result) does not depend on the threads.
constexpr Index kRowsPerChunk = 8;
// Reader channels per batched transform: kLanes lanes, each carrying two real channels
// (one as the real, one as the imaginary part; both results are real, so they separate).
constexpr Index kLanes = detail::BatchedFft::kLanes;
constexpr Index kGroup = 2 * kLanes;

// A Parameter's weights as a dense rows x cols matrix (nullptr: the identity).
MatrixD dense_weights(const Parameter* p, Index rows, Index cols) {
  if (!p) return MatrixD::Identity(rows, cols);
  switch (p->layout) {
    case Parameter::Layout::scalar: return MatrixD::Identity(rows, cols) * static_cast<double>(p->value(0, 0));
    case Parameter::Layout::diagonal: return p->value.col(0).cast<double>().asDiagonal();
    case Parameter::Layout::dense: return p->value.cast<double>();
  }
  return {};
}

// Two real channels per complex lane: channel c0 + l of a group of kGroup channels sits
// in lane l of the real part (l < kLanes) or lane l - kLanes of the imaginary part; both
// results of a transform are real, so they come apart again. A group may be partial.
struct LaneGroup {
  Index first;      // channel c0
  Index low, high;  // channels in the real / imaginary parts
  LaneGroup(Index group, Index channels)
      : first(group * kGroup),
        low(std::min(kLanes, channels - first)),
        high(std::clamp<Index>(channels - first - kLanes, 0, kLanes)) {}
  // One time step's lanes (re, im: kLanes floats each) from channel_value(l), l < kGroup.
  template <typename Value>
  void pack(float* re, float* im, Value channel_value) const {
    for (Index l = 0; l < low; ++l) re[l] = channel_value(l);
    for (Index l = 0; l < high; ++l) im[l] = channel_value(kLanes + l);
  }
  // The other way: put(l, value) for every channel of the group.
  template <typename Put>
  void unpack(const float* re, const float* im, Put put) const {
    for (Index l = 0; l < low; ++l) put(l, re[l]);
    for (Index l = 0; l < high; ++l) put(kLanes + l, im[l]);
  }
};

}  // namespace

void LtiConvolution::Spectrum::zero() {
  std::fill(re.begin(), re.end(), 0.0f);
  std::fill(im.begin(), im.end(), 0.0f);
}

LtiConvolution::InputGradients::InputGradients(std::size_t bins) : spectra(bins * kLanes) {}

LtiConvolution::LtiConvolution(std::string node, const Parameter* a, const Parameter* b, Index n, Index p,
                               std::vector<Reader> readers)
    : WholeRunOp(p, std::move(readers), /*step_major=*/false), node_(std::move(node)), a_(a), b_(b), n_(n) {}

std::string LtiConvolution::describe() const {
  std::string names;
  for (const Reader& r : readers_) names += (names.empty() ? "'" : ", '") + r.connection + "'";
  std::string ends_only;  // readers read on the last step only, beside readers read every step
  for (const Reader& r : readers_)
    if (r.ends_only && !last_step_only_)
      ends_only += (ends_only.empty() ? "; '" : ", '") + r.connection + "'";
  if (!ends_only.empty()) ends_only += " read on the last step only (no gradient on other steps)";
  return "node '" + node_ + "': LTI memory, never formed: " + names +
         (last_step_only_
              ? " collapsed to one matrix product on the last step (only the last step is read)"
              : " computed for the whole run as a causal convolution (FFT) before the step loop") +
         ends_only;
}

void LtiConvolution::update_impulse_response(long steps) {
  const MatrixD a = dense_weights(a_, n_, n_);
  const MatrixD b = dense_weights(b_, n_, p_);
  if (h_.cols() >= steps * p_ && a.cast<float>() == h_a_ && b.cast<float>() == h_b_) return;
  MatrixD h(n_, steps * p_);
  h.leftCols(p_) = b;
  for (long j = 1; j < steps; ++j) h.middleCols(j * p_, p_).noalias() = a * h.middleCols((j - 1) * p_, p_);
  h_ = h.cast<float>();
  h_a_ = a.cast<float>();
  h_b_ = b.cast<float>();
}

Matrix LtiConvolution::last_state(long end) const {
  const Index p = p_;
  Matrix u_rev(batch_, end * p);  // row b: u_end, u_end-1, ..., u_1
  for (long j = 0; j < end; ++j)
    for (Index b = 0; b < batch_; ++b)
      for (Index q = 0; q < p; ++q) u_rev(b, j * p + q) = u_[static_cast<std::size_t>(((end - 1 - j) * batch_ + b) * p + q)];
  return u_rev * h_.leftCols(end * p).transpose();
}

Matrix LtiConvolution::reader_kernel(std::size_t r, long steps) const {
  const auto h = h_.leftCols(steps * p_);
  if (!readers_[r].weights) return h;
  return readers_[r].weights->value * h;
}

void LtiConvolution::compute(long first, long last) {
  update_impulse_response(last);
  const Index p = p_;
  if (last_step_only_) {
    // The last state m = sum_j A^j B u_{last-j} = [u_last, u_last-1, ...] H^T, then z = m W^T.
    const Matrix m = last_state(last);
    const Index slot = end_slot(last);
    for (std::size_t r = 0; r < readers_.size(); ++r) {
      const Index out = readers_[r].size;
      Eigen::Map<Matrix> z(z_[r].data() + slot * batch_ * out, batch_, out);
      if (readers_[r].weights) z.noalias() = m * readers_[r].weights->value.transpose();
      else z = m;
    }
    return;
  }
  const detail::BatchedFft fft = spectra(last, /*reuse=*/false);
  const Index n_fft = fft.size();
  const auto n = static_cast<std::size_t>(n_fft);
  const float scale = 1.0f / static_cast<float>(n_fft);
  tbb::parallel_for(tbb::blocked_range<Index>(0, batch_), [&](const tbb::blocked_range<Index>& rows) {
    Spectrum work(n * kLanes);
    // Raw pointers in locals: the lane stores go through memcpy, which may alias anything
    // reachable through memory (a vector's own pointers too), so nothing is reloaded.
    float* const wre = work.re.data();
    float* const wim = work.im.data();
    for (Index b = rows.begin(); b != rows.end(); ++b) {
      for (std::size_t r = 0; r < readers_.size(); ++r) {
        const Index out = readers_[r].size;
        for (Index g = 0; g * kGroup < out; ++g) {
          // W = sum_q U_q P_q: the spectra of two channels per lane, then back to time.
          for (Index q = 0; q < p; ++q) {
            const Spectrum& k = k_hat_[r][static_cast<std::size_t>(g * p + q)];
            const float* const kre = k.re.data();
            const float* const kim = k.im.data();
            const float* const ur = u_hat_.re.data() + (b * p + q) * n_fft;
            const float* const ui = u_hat_.im.data() + (b * p + q) * n_fft;
            for (std::size_t f = 0; f < n; ++f) {
              const std::size_t i = f * kLanes;
              const Lanes kr = load_lanes(kre + i), ki = load_lanes(kim + i);
              Lanes wr = kr * ur[f] - ki * ui[f], wi = ki * ur[f] + kr * ui[f];
              if (q > 0) {
                wr += load_lanes(wre + i);
                wi += load_lanes(wim + i);
              }
              store_lanes(wre + i, wr);
              store_lanes(wim + i, wi);
            }
          }
          fft.inverse(wre, wim);
          const LaneGroup lanes(g, out);
          float* const z_first = z_[r].data() + b * steps_ * out + lanes.first;
          for (long t = first - 1; t < last; ++t) {
            float* const z = z_first + t * out;
            const std::size_t i = static_cast<std::size_t>(t) * kLanes;
            if (lanes.low == kLanes && lanes.high == kLanes) {
              store_lanes(z, load_lanes(wre + i) * scale);
              store_lanes(z + kLanes, load_lanes(wim + i) * scale);
            } else {
              lanes.unpack(wre + i, wim + i, [&](Index l, float v) { z[l] = scale * v; });
            }
          }
        }
      }
    }
  });
}

detail::BatchedFft LtiConvolution::spectra(long last, bool reuse) {
  detail::BatchedFft fft(detail::power_of_two_at_least(2 * last));
  bool same = reuse && spectra_steps_ == last;
  for (std::size_t r = 0; same && r < readers_.size(); ++r)
    same = !readers_[r].weights || readers_[r].weights->value == spectra_weights_[r];
  if (same) return fft;
  kernel_spectra(last, fft);
  input_spectra(last, fft);
  spectra_steps_ = last;
  spectra_weights_.clear();
  for (const Reader& r : readers_) spectra_weights_.push_back(r.weights ? r.weights->value : Matrix());
  return fft;
}

void LtiConvolution::kernel_spectra(long last, const detail::BatchedFft& fft) {
  const Index p = p_, n_fft = fft.size();
  k_hat_.assign(readers_.size(), {});
  for (std::size_t r = 0; r < readers_.size(); ++r) {
    const Matrix k = reader_kernel(r, last);
    const Index out = readers_[r].size, groups = (out + kGroup - 1) / kGroup;
    k_hat_[r].assign(static_cast<std::size_t>(groups * p), Spectrum(static_cast<std::size_t>(n_fft * kLanes)));
    for (Spectrum& s : k_hat_[r]) {
      detail::poison_fresh(s.re);
      detail::poison_fresh(s.im);
    }
    tbb::parallel_for(Index{0}, groups * p, [&](Index gq) {
      const Index g = gq / p, q = gq % p;
      Spectrum& s = k_hat_[r][static_cast<std::size_t>(gq)];
      const LaneGroup lanes(g, out);
      // Meant zeros, written as such (the buffer starts as NaN in Debug builds): the lanes
      // no channel fills, and the zero padding after the last step (a linear convolution).
      for (long j = 0; j < last; ++j) {
        std::fill(s.re.begin() + j * kLanes + lanes.low, s.re.begin() + (j + 1) * kLanes, 0.0f);
        std::fill(s.im.begin() + j * kLanes + lanes.high, s.im.begin() + (j + 1) * kLanes, 0.0f);
        lanes.pack(s.re.data() + j * kLanes, s.im.data() + j * kLanes, [&](Index l) { return k(lanes.first + l, j * p + q); });
      }
      std::fill(s.re.begin() + last * kLanes, s.re.end(), 0.0f);
      std::fill(s.im.begin() + last * kLanes, s.im.end(), 0.0f);
      fft.forward(s.re.data(), s.im.data());
    });
  }
}

void LtiConvolution::input_spectra(long last, const detail::BatchedFft& fft) {
  // kLanes input sequences (b, q) per transform, one in each lane's real part. (All of the
  // LTI convolution's transforms are BatchedFft's: its vector code gives the same bits
  // wherever the buffers lie, which keeps results independent of the thread count.)
  const Index count = batch_ * p_, n_fft = fft.size();
  u_hat_ = Spectrum(static_cast<std::size_t>(count * n_fft));
  detail::poison_fresh(u_hat_.re);
  detail::poison_fresh(u_hat_.im);
  tbb::parallel_for(Index{0}, (count + kLanes - 1) / kLanes, [&](Index group) {
    const Index first_lane = group * kLanes, lanes = std::min(kLanes, count - first_lane);
    Spectrum work(static_cast<std::size_t>(n_fft * kLanes));
    for (long t = 0; t < last; ++t)
      for (Index l = 0; l < lanes; ++l) work.re[static_cast<std::size_t>(t * kLanes + l)] = u_[static_cast<std::size_t>(t * count + first_lane + l)];
    fft.forward(work.re.data(), work.im.data());
    for (Index l = 0; l < lanes; ++l)
      for (Index f = 0; f < n_fft; ++f) {
        u_hat_.re[static_cast<std::size_t>((first_lane + l) * n_fft + f)] = work.re[static_cast<std::size_t>(f * kLanes + l)];
        u_hat_.im[static_cast<std::size_t>((first_lane + l) * n_fft + f)] = work.im[static_cast<std::size_t>(f * kLanes + l)];
      }
  });
}

void LtiConvolution::backward(long first, long last, std::vector<Matrix>& parameter_grads) {
  if (last_step_only_) {
    backward_collapsed(first, last, parameter_grads);
    return;
  }
  // The forward pass of this run left the spectra behind.
  const detail::BatchedFft fft = spectra(last, /*reuse=*/true);
  const GradientSpectra dk_hat = gradient_spectra(fft, first, last);  // and dL/du
  for (std::size_t r = 0; r < readers_.size(); ++r) {
    const Parameter* w = readers_[r].weights;
    if (!w || !w->trainable) continue;
    // K = W H, so dL/dW = dL/dK H^T.
    parameter_grads[static_cast<std::size_t>(w->index)].noalias() += kernel_gradient(r, dk_hat, fft, last) * h_.leftCols(last * p_).transpose();
  }
}

void LtiConvolution::backward_collapsed(long first, long last, std::vector<Matrix>& parameter_grads) {
  const Index p = p_;
  for (std::size_t e = 0; e < ends_->count(); ++e) {
    const long end = ends_->steps()[e];
    if (end < first || end > last) continue;
    // z = m W^T with m the last state: dL/dW = dz^T m, dL/dm = dz W, dL/du_rev = dL/dm H.
    const Matrix m = last_state(end);
    Matrix dm = Matrix::Zero(batch_, n_);
    for (std::size_t r = 0; r < readers_.size(); ++r) {
      const Index out = readers_[r].size;
      const Eigen::Map<const Matrix> dz(dz_[r].data() + static_cast<Index>(e) * batch_ * out, batch_, out);
      const Parameter* w = readers_[r].weights;
      if (!w) {
        dm += dz;
        continue;
      }
      if (w->trainable) parameter_grads[static_cast<std::size_t>(w->index)].noalias() += dz.transpose() * m;
      dm.noalias() += dz * w->value;
    }
    if (!input_gradient_wanted_) continue;
    const Matrix du_rev = dm * h_.leftCols(end * p);
    for (long j = 0; j < end; ++j) {
      const long t = end - 1 - j;  // 0-based step of u
      if (t < first - 1) break;
      for (Index b = 0; b < batch_; ++b)
        for (Index q = 0; q < p; ++q) du_[static_cast<std::size_t>((t * batch_ + b) * p + q)] += du_rev(b, j * p + q);
    }
  }
}

LtiConvolution::GradientSpectra LtiConvolution::gradient_spectra(const detail::BatchedFft& fft, long first, long last) {
  const auto n = static_cast<std::size_t>(fft.size());
  const Index chunks = (batch_ + kRowsPerChunk - 1) / kRowsPerChunk;
  GradientSpectra dk_hat(static_cast<std::size_t>(chunks));
  tbb::parallel_for(Index{0}, chunks, [&](Index chunk) {
    auto& acc = dk_hat[static_cast<std::size_t>(chunk)];
    acc.resize(readers_.size());
    for (std::size_t r = 0; r < readers_.size(); ++r) acc[r].assign(k_hat_[r].size(), Spectrum(n * kLanes));
    Spectrum work(n * kLanes);
    Spectrum du_hat(input_gradient_wanted_ ? n * kLanes * static_cast<std::size_t>(p_) : 0);
    InputGradients du(n);
    const Index end = std::min(batch_, (chunk + 1) * kRowsPerChunk);
    for (Index b = chunk * kRowsPerChunk; b < end; ++b) {
      if (input_gradient_wanted_) du_hat.zero();
      for (std::size_t r = 0; r < readers_.size(); ++r)
        for (Index g = 0; g * kGroup < readers_[r].size; ++g) add_row_gradient_spectra(b, r, g, fft, first, last, work, acc[r], du_hat);
      if (!input_gradient_wanted_) continue;
      for (Index q = 0; q < p_; ++q) {
        if (du.rows.size() == static_cast<std::size_t>(kLanes)) input_gradients(du, fft, first, last);
        add_input_gradient_spectrum(b, q, du_hat, fft, du);
      }
    }
    input_gradients(du, fft, first, last);
  });
  return dk_hat;
}

void LtiConvolution::add_row_gradient_spectra(Index b, std::size_t r, Index g, const detail::BatchedFft& fft, long first,
                                              long last, Spectrum& work, std::vector<Spectrum>& acc, Spectrum& du_hat) const {
  const Index p = p_, n_fft = fft.size();
  const auto n = static_cast<std::size_t>(n_fft);
  const Index out = readers_[r].size;
  const LaneGroup lanes(g, out);
  // D = D_low + i D_high: the spectrum of dL/dz for this group's channels.
  float* const wre = work.re.data();  // (locals: see compute)
  float* const wim = work.im.data();
  const float* const dz_first = dz_[r].data() + b * steps_ * out + lanes.first;
  if (lanes.low == kLanes && lanes.high == kLanes) {  // a full group: every lane written, zeros around
    std::fill(wre, wre + (first - 1) * kLanes, 0.0f);
    std::fill(wim, wim + (first - 1) * kLanes, 0.0f);
    for (long t = first - 1; t < last; ++t) {
      store_lanes(wre + t * kLanes, load_lanes(dz_first + t * out));
      store_lanes(wim + t * kLanes, load_lanes(dz_first + t * out + kLanes));
    }
    std::fill(wre + last * kLanes, wre + n_fft * kLanes, 0.0f);
    std::fill(wim + last * kLanes, wim + n_fft * kLanes, 0.0f);
  } else {
    work.zero();
    for (long t = first - 1; t < last; ++t)
      lanes.pack(wre + t * kLanes, wim + t * kLanes, [&](Index l) { return dz_first[t * out + l]; });
  }
  fft.forward(wre, wim);
  for (Index q = 0; q < p; ++q) {
    const Spectrum& k = k_hat_[r][static_cast<std::size_t>(g * p + q)];
    Spectrum& a = acc[static_cast<std::size_t>(g * p + q)];
    const float* ur = u_hat_.re.data() + (b * p + q) * n_fft;
    const float* ui = u_hat_.im.data() + (b * p + q) * n_fft;
    float* dur = input_gradient_wanted_ ? du_hat.re.data() + q * n_fft * kLanes : nullptr;
    float* dui = input_gradient_wanted_ ? du_hat.im.data() + q * n_fft * kLanes : nullptr;
    const float* const kre = k.re.data();
    const float* const kim = k.im.data();
    float* const are = a.re.data();
    float* const aim = a.im.data();
    // dL/dK: D conj(U), both channels of the lane at once; and, when wanted, dL/dU lane by
    // lane: S = D conj(P) (add_input_gradient_spectrum sums the lanes and separates the
    // two channels of each). One loop each way, so neither tests the flag per bin.
    auto bins = [&](auto with_du) {
      for (std::size_t f = 0; f < n; ++f) {
        const std::size_t i = f * kLanes;
        const Lanes dr = load_lanes(wre + i), di = load_lanes(wim + i);
        store_lanes(are + i, load_lanes(are + i) + (dr * ur[f] + di * ui[f]));
        store_lanes(aim + i, load_lanes(aim + i) + (di * ur[f] - dr * ui[f]));
        if constexpr (decltype(with_du)::value) {
          const Lanes kr = load_lanes(kre + i), ki = load_lanes(kim + i);
          store_lanes(dur + i, load_lanes(dur + i) + (dr * kr + di * ki));
          store_lanes(dui + i, load_lanes(dui + i) + (di * kr - dr * ki));
        }
      }
    };
    if (input_gradient_wanted_) bins(std::true_type{});
    else bins(std::false_type{});
  }
}

void LtiConvolution::add_input_gradient_spectrum(Index b, Index q, const Spectrum& du_hat, const detail::BatchedFft& fft,
                                                 InputGradients& du) const {
  // s(f) = the sum over lanes of D conj(P). A lane carries channel c in its real part and
  // c' in its imaginary part: D = D_c + i D_c', P = K_c + i K_c', and dL/dU needs D_c
  // conj(K_c) + D_c' conj(K_c') = (s(f) + conj(s(n - f))) / 2 (the spectra of the real
  // signals are conjugate-symmetric; bin n - f sits at fft.mirror of f's position). Into
  // the next free lane of du.
  const Index n_fft = fft.size();
  const auto n = static_cast<std::size_t>(n_fft);
  const float* sr = du_hat.re.data() + q * n_fft * kLanes;
  const float* si = du_hat.im.data() + q * n_fft * kLanes;
  std::vector<Complex> s(n);
  for (std::size_t f = 0; f < n; ++f) {
    float re = 0.0f, im = 0.0f;
    for (Index l = 0; l < kLanes; ++l) {
      re += sr[f * kLanes + static_cast<std::size_t>(l)];
      im += si[f * kLanes + static_cast<std::size_t>(l)];
    }
    s[f] = {re, im};
  }
  const auto lane = du.rows.size();
  for (std::size_t f = 0; f < n; ++f) {
    const Complex v = 0.5f * (s[f] + std::conj(s[static_cast<std::size_t>(fft.mirror(static_cast<Index>(f)))]));
    du.spectra.re[f * kLanes + lane] = v.real();
    du.spectra.im[f * kLanes + lane] = v.imag();
  }
  du.rows.emplace_back(b, q);
}

void LtiConvolution::input_gradients(InputGradients& du, const detail::BatchedFft& fft, long first, long last) {
  if (du.rows.empty()) return;
  fft.inverse(du.spectra.re.data(), du.spectra.im.data());
  const float scale = 1.0f / static_cast<float>(fft.size());
  for (std::size_t lane = 0; lane < du.rows.size(); ++lane) {
    const auto [b, q] = du.rows[lane];
    for (long t = first - 1; t < last; ++t)
      du_[static_cast<std::size_t>((t * batch_ + b) * p_ + q)] = scale * du.spectra.re[static_cast<std::size_t>(t) * kLanes + lane];
  }
  du.spectra.zero();
  du.rows.clear();
}

Matrix LtiConvolution::kernel_gradient(std::size_t r, const GradientSpectra& dk_hat, const detail::BatchedFft& fft,
                                       long last) const {
  const Index p = p_, out = readers_[r].size;
  const auto n = static_cast<std::size_t>(fft.size());
  const float scale = 1.0f / static_cast<float>(fft.size());
  Matrix dk = Matrix::Zero(out, last * p);
  // The chunks' spectra summed in chunk order, then back to time.
  tbb::parallel_for(Index{0}, static_cast<Index>(k_hat_[r].size()), [&](Index gq) {
    const Index g = gq / p, q = gq % p;
    Spectrum total(n * kLanes);
    for (const auto& acc : dk_hat) {
      const Spectrum& a = acc[r][static_cast<std::size_t>(gq)];
      for (std::size_t i = 0; i < total.re.size(); ++i) {
        total.re[i] += a.re[i];
        total.im[i] += a.im[i];
      }
    }
    fft.inverse(total.re.data(), total.im.data());
    const LaneGroup lanes(g, out);
    for (long j = 0; j < last; ++j)
      lanes.unpack(total.re.data() + j * kLanes, total.im.data() + j * kLanes,
                   [&](Index l, float v) { dk(lanes.first + l, j * p + q) = scale * v; });
  });
  return dk;
}

}  // namespace netsim
