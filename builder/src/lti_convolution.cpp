#include "netsim/builder/lti_convolution.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <unsupported/Eigen/FFT>

#include "netsim/core/error.h"

namespace netsim {
namespace {

using Complex = std::complex<float>;
using Fft = Eigen::FFT<float>;

// Rows of the minibatch per backward chunk: fixed, so the order in which the chunks' kernel
// gradients are summed (and so every bit of the result) does not depend on the threads.
constexpr Index kRowsPerChunk = 8;
// Reader channels transformed together: a tile of this many time series is transposed
// to and from the [row][step][channel] layout a cache line at a time.
constexpr Index kChannelTile = 16;

// Smallest 2^a 3^b 5^c >= n: lengths the FFT handles fast.
Index fft_length(Index n) {
  for (Index m = std::max<Index>(n, 2);; ++m) {
    Index r = m;
    for (Index f : {2, 3, 5})
      while (r % f == 0) r /= f;
    if (r == 1) return m;
  }
}

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

// a * b and a * conj(b), written out: std::complex's operator* checks for infinities and
// NaNs (C99 Annex G) and does not vectorise.
inline Complex mul(Complex a, Complex b) {
  return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}
inline Complex mul_conj(Complex a, Complex b) {
  return {a.real() * b.real() + a.imag() * b.imag(), a.imag() * b.real() - a.real() * b.imag()};
}

Fft make_fft() {
  Fft fft;
  fft.SetFlag(Fft::HalfSpectrum);
  return fft;
}

}  // namespace

LtiConvolution::LtiConvolution(std::string node, const Parameter* a, const Parameter* b, Index n, Index p,
                               std::vector<Reader> readers)
    : node_(std::move(node)), a_(a), b_(b), n_(n), p_(p), readers_(std::move(readers)) {
  z_.resize(readers_.size());
  dz_.resize(readers_.size());
}

void LtiConvolution::allocate(Index batch) {
  batch_ = batch;
  steps_ = 0;
  ends_.clear();
}

void LtiConvolution::reserve_steps(long last_step) {
  if (last_step <= steps_) return;
  steps_ = last_step;
  u_.resize(static_cast<std::size_t>(steps_ * batch_ * p_));
  if (!last_step_only_)
    for (std::size_t r = 0; r < readers_.size(); ++r)
      z_[r].resize(static_cast<std::size_t>(steps_ * batch_ * readers_[r].size));
}

float* LtiConvolution::input(long step, Index row) {
  return u_.data() + ((step - 1) * batch_ + row) * p_;
}

float* LtiConvolution::z_slot(std::size_t r, long step, Index row) {
  const Index out = readers_[r].size;
  if (!last_step_only_) return z_[r].data() + (row * steps_ + (step - 1)) * out;
  for (std::size_t e = ends_.size(); e-- > 0;)
    if (ends_[e] == step) return z_[r].data() + (static_cast<Index>(e) * batch_ + row) * out;
  throw Error("LtiConvolution '" + node_ + "': step " + std::to_string(step) + " was not computed");
}

const float* LtiConvolution::z_slot(std::size_t r, long step, Index row) const {
  return const_cast<LtiConvolution*>(this)->z_slot(r, step, row);
}

const float* LtiConvolution::output(int reader, long step, Index row) const {
  return z_slot(static_cast<std::size_t>(reader), step, row);
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

Matrix LtiConvolution::reader_kernel(std::size_t r, long steps) const {
  const auto h = h_.leftCols(steps * p_);
  if (!readers_[r].weights) return h;
  return readers_[r].weights->value * h;
}

void LtiConvolution::compute(long first, long last) {
  update_impulse_response(last);
  const Index p = p_;
  if (last_step_only_) {
    // z_last = sum_j K_j u_{last-j}: [batch x last*p] * [last*p x out].
    Matrix u_rev(batch_, last * p);
    for (long j = 0; j < last; ++j)
      for (Index b = 0; b < batch_; ++b)
        for (Index q = 0; q < p; ++q) u_rev(b, j * p + q) = u_[static_cast<std::size_t>(((last - 1 - j) * batch_ + b) * p + q)];
    if (ends_.empty() || ends_.back() != last) ends_.push_back(last);
    const auto slot = static_cast<Index>(ends_.size() - 1);
    for (std::size_t r = 0; r < readers_.size(); ++r) {
      const Index out = readers_[r].size;
      z_[r].resize(static_cast<std::size_t>((slot + 1) * batch_ * out));
      Eigen::Map<Matrix>(z_[r].data() + slot * batch_ * out, batch_, out).noalias() =
          u_rev * reader_kernel(r, last).transpose();
    }
    return;
  }
  const Index n_fft = fft_length(2 * last);
  const Index bins = n_fft / 2 + 1;
  // Kernel spectra, per reader: [out * p][bins].
  std::vector<std::vector<Complex>> k_hat(readers_.size());
  for (std::size_t r = 0; r < readers_.size(); ++r) {
    const Matrix k = reader_kernel(r, last);
    const Index out = readers_[r].size;
    k_hat[r].resize(static_cast<std::size_t>(out * p * bins));
    tbb::parallel_for(Index{0}, out, [&](Index c) {
      Fft fft = make_fft();
      std::vector<float> seq(static_cast<std::size_t>(n_fft), 0.0f);
      for (Index q = 0; q < p; ++q) {
        for (long j = 0; j < last; ++j) seq[static_cast<std::size_t>(j)] = k(c, j * p + q);
        fft.fwd(k_hat[r].data() + (c * p + q) * bins, seq.data(), n_fft);
      }
    });
  }
  tbb::enumerable_thread_specific<Fft> ffts(make_fft);
  tbb::parallel_for(tbb::blocked_range<Index>(0, batch_), [&](const tbb::blocked_range<Index>& rows) {
    Fft& fft = ffts.local();
    std::vector<float> seq(static_cast<std::size_t>(n_fft)), tile(static_cast<std::size_t>(kChannelTile * n_fft));
    std::vector<Complex> u_hat(static_cast<std::size_t>(p * bins)), z_hat(static_cast<std::size_t>(bins));
    for (Index b = rows.begin(); b != rows.end(); ++b) {
      for (Index q = 0; q < p; ++q) {
        std::fill(seq.begin(), seq.end(), 0.0f);
        for (long t = 0; t < last; ++t) seq[static_cast<std::size_t>(t)] = u_[static_cast<std::size_t>((t * batch_ + b) * p + q)];
        fft.fwd(u_hat.data() + q * bins, seq.data(), n_fft);
      }
      for (std::size_t r = 0; r < readers_.size(); ++r) {
        const Index out = readers_[r].size;
        for (Index c0 = 0; c0 < out; c0 += kChannelTile) {
          const Index width = std::min(kChannelTile, out - c0);
          for (Index i = 0; i < width; ++i) {
            const Index c = c0 + i;
            std::fill(z_hat.begin(), z_hat.end(), Complex(0.0f));
            for (Index q = 0; q < p; ++q) {
              const Complex* kh = k_hat[r].data() + (c * p + q) * bins;
              const Complex* uh = u_hat.data() + q * bins;
              for (Index f = 0; f < bins; ++f) z_hat[static_cast<std::size_t>(f)] += mul(kh[f], uh[f]);
            }
            fft.inv(tile.data() + i * n_fft, z_hat.data(), n_fft);
          }
          for (long t = first - 1; t < last; ++t) {
            float* z = z_[r].data() + (b * steps_ + t) * out + c0;
            for (Index i = 0; i < width; ++i) z[i] = tile[static_cast<std::size_t>(i * n_fft + t)];
          }
        }
      }
    }
  });
}

void LtiConvolution::allocate_backward() {
  du_.assign(u_.size(), 0.0f);
  for (std::size_t r = 0; r < readers_.size(); ++r) dz_[r].assign(z_[r].size(), 0.0f);
}

float* LtiConvolution::output_gradient(int reader, long step, Index row) {
  const auto r = static_cast<std::size_t>(reader);
  return dz_[r].data() + (z_slot(r, step, row) - z_[r].data());
}

const float* LtiConvolution::input_gradient(long step, Index row) const {
  return du_.data() + ((step - 1) * batch_ + row) * p_;
}

void LtiConvolution::backward(long first, long last, std::vector<Matrix>& parameter_grads) {
  const Index p = p_;
  std::vector<Matrix> dk(readers_.size());
  if (last_step_only_) {
    for (std::size_t e = 0; e < ends_.size(); ++e) {
      const long end = ends_[e];
      if (end < first || end > last) continue;
      Matrix u_rev(batch_, end * p);
      for (long j = 0; j < end; ++j)
        for (Index b = 0; b < batch_; ++b)
          for (Index q = 0; q < p; ++q) u_rev(b, j * p + q) = u_[static_cast<std::size_t>(((end - 1 - j) * batch_ + b) * p + q)];
      Matrix du_rev = Matrix::Zero(batch_, end * p);
      for (std::size_t r = 0; r < readers_.size(); ++r) {
        const Index out = readers_[r].size;
        const Eigen::Map<const Matrix> dz(dz_[r].data() + static_cast<Index>(e) * batch_ * out, batch_, out);
        if (dk[r].size() == 0) dk[r].setZero(out, last * p);
        dk[r].leftCols(end * p).noalias() += dz.transpose() * u_rev;
        du_rev.noalias() += dz * reader_kernel(r, end);
      }
      for (long j = 0; j < end; ++j) {
        const long t = end - 1 - j;  // 0-based step of u
        if (t < first - 1) break;
        for (Index b = 0; b < batch_; ++b)
          for (Index q = 0; q < p; ++q) du_[static_cast<std::size_t>((t * batch_ + b) * p + q)] += du_rev(b, j * p + q);
      }
    }
  } else {
    const Index n_fft = fft_length(2 * last);
    const Index bins = n_fft / 2 + 1;
    std::vector<std::vector<Complex>> k_hat(readers_.size());
    std::vector<Matrix> kernels(readers_.size());
    for (std::size_t r = 0; r < readers_.size(); ++r) {
      kernels[r] = reader_kernel(r, last);
      const Index out = readers_[r].size;
      k_hat[r].resize(static_cast<std::size_t>(out * p * bins));
      tbb::parallel_for(Index{0}, out, [&](Index c) {
        Fft fft = make_fft();
        std::vector<float> seq(static_cast<std::size_t>(n_fft), 0.0f);
        for (Index q = 0; q < p; ++q) {
          for (long j = 0; j < last; ++j) seq[static_cast<std::size_t>(j)] = kernels[r](c, j * p + q);
          fft.fwd(k_hat[r].data() + (c * p + q) * bins, seq.data(), n_fft);
        }
      });
    }
    const Index chunks = (batch_ + kRowsPerChunk - 1) / kRowsPerChunk;
    // Per chunk and reader: the spectrum of dL/dK, [out * p][bins].
    std::vector<std::vector<std::vector<Complex>>> dk_hat(static_cast<std::size_t>(chunks));
    tbb::enumerable_thread_specific<Fft> ffts(make_fft);
    tbb::parallel_for(Index{0}, chunks, [&](Index chunk) {
      Fft& fft = ffts.local();
      auto& acc = dk_hat[static_cast<std::size_t>(chunk)];
      acc.resize(readers_.size());
      for (std::size_t r = 0; r < readers_.size(); ++r) acc[r].assign(static_cast<std::size_t>(readers_[r].size * p * bins), 0.0f);
      std::vector<float> seq(static_cast<std::size_t>(n_fft)), tile(static_cast<std::size_t>(kChannelTile * n_fft));
      std::vector<Complex> u_hat(static_cast<std::size_t>(p * bins)), du_hat(static_cast<std::size_t>(p * bins)),
          dz_hat(static_cast<std::size_t>(bins));
      const Index end = std::min(batch_, (chunk + 1) * kRowsPerChunk);
      for (Index b = chunk * kRowsPerChunk; b < end; ++b) {
        for (Index q = 0; q < p; ++q) {
          std::fill(seq.begin(), seq.end(), 0.0f);
          for (long t = 0; t < last; ++t) seq[static_cast<std::size_t>(t)] = u_[static_cast<std::size_t>((t * batch_ + b) * p + q)];
          fft.fwd(u_hat.data() + q * bins, seq.data(), n_fft);
        }
        std::fill(du_hat.begin(), du_hat.end(), Complex(0.0f));
        for (std::size_t r = 0; r < readers_.size(); ++r) {
          const Index out = readers_[r].size;
          for (Index c0 = 0; c0 < out; c0 += kChannelTile) {
            const Index width = std::min(kChannelTile, out - c0);
            std::fill(tile.begin(), tile.end(), 0.0f);
            for (long t = first - 1; t < last; ++t) {
              const float* dz = dz_[r].data() + (b * steps_ + t) * out + c0;
              for (Index i = 0; i < width; ++i) tile[static_cast<std::size_t>(i * n_fft + t)] = dz[i];
            }
            for (Index i = 0; i < width; ++i) {
              const Index c = c0 + i;
              fft.fwd(dz_hat.data(), tile.data() + i * n_fft, n_fft);
              for (Index q = 0; q < p; ++q) {
                Complex* a = acc[r].data() + (c * p + q) * bins;
                const Complex* kh = k_hat[r].data() + (c * p + q) * bins;
                const Complex* uh = u_hat.data() + q * bins;
                Complex* duh = du_hat.data() + q * bins;
                for (Index f = 0; f < bins; ++f) {
                  a[f] += mul_conj(dz_hat[static_cast<std::size_t>(f)], uh[f]);
                  duh[f] += mul_conj(dz_hat[static_cast<std::size_t>(f)], kh[f]);
                }
              }
            }
          }
        }
        for (Index q = 0; q < p; ++q) {
          fft.inv(seq.data(), du_hat.data() + q * bins, n_fft);
          for (long t = first - 1; t < last; ++t) du_[static_cast<std::size_t>((t * batch_ + b) * p + q)] = seq[static_cast<std::size_t>(t)];
        }
      }
    });
    for (std::size_t r = 0; r < readers_.size(); ++r) {
      const Index out = readers_[r].size;
      std::vector<Complex> total(static_cast<std::size_t>(out * p * bins), 0.0f);
      for (const auto& acc : dk_hat)
        for (std::size_t i = 0; i < total.size(); ++i) total[i] += acc[r][i];
      dk[r].setZero(out, last * p);
      tbb::parallel_for(Index{0}, out, [&](Index c) {
        Fft fft = make_fft();
        std::vector<float> seq(static_cast<std::size_t>(n_fft));
        for (Index q = 0; q < p; ++q) {
          fft.inv(seq.data(), total.data() + (c * p + q) * bins, n_fft);
          for (long j = 0; j < last; ++j) dk[r](c, j * p + q) = seq[static_cast<std::size_t>(j)];
        }
      });
    }
  }
  for (std::size_t r = 0; r < readers_.size(); ++r) {
    const Parameter* w = readers_[r].weights;
    if (!w || !w->trainable || dk[r].size() == 0) continue;
    const Index cols = dk[r].cols();
    parameter_grads[static_cast<std::size_t>(w->index)].noalias() += dk[r] * h_.leftCols(cols).transpose();
  }
}

}  // namespace netsim
