#pragma once
// The lti_convolution rewrite's whole-run work (rewrites.h). For the system
//   m_k = A m_{k-1} + B u_k,  m_0 = 0          (m: n values, u: p values per sequence)
// and readers r with weights W_r (out_r x n, or the identity), it computes
//   z_r,k = W_r m_k = sum_{j=0}^{k-1} K_r,j u_{k-j},   K_r,j = W_r A^j B   (out_r x p)
// for every sequence of the minibatch, without forming m:
//   every step   by FFT (length N: the power of two >= 2 x steps; batched_fft.h, spectra
//                kept in its bit-reversed bin order): one transform of u per sequence
//                and input (16 at a time), one inverse per sequence and two reader
//                channels (16 such pairs at a time);
//   last step    when only a run's last step is read: the last state m = sum_j A^j B u
//                as one matrix product, then one product per reader.
// Backward, from dL/dz: dL/dW_r = sum_j dL/dK_r,j (A^j B)^T and dL/du, both by the same
// transforms (correlations); dL/du only when u's source needs a gradient (not for the
// LMU's pixel input). Results match the step-by-step recurrence to float rounding.
//
// Data flow and buffers: whole_run_op.h.
// A, B and W_r are read from their Parameters at every run, so set_parameter and
// training take effect (A^j B is cached while A and B do not change).

#include <string>
#include <utility>
#include <vector>

#include "netsim/builder/whole_run_op.h"

namespace netsim {

namespace detail {
class BatchedFft;
}

class LtiConvolution final : public WholeRunOp {
 public:
  // a, b may be nullptr (identity transforms). `a` is n x n, `b` is n x p, as Parameters
  // of any layout; readers' weights are dense (out_r x n) or nullptr (identity).
  LtiConvolution(std::string node, const Parameter* a, const Parameter* b, Index n, Index p,
                 std::vector<Reader> readers);

  std::string describe() const override;
  void compute(long first, long last) override;
  void backward(long first, long last, std::vector<Matrix>& parameter_grads) override;

 private:
  void update_impulse_response(long steps);
  // The FFT for a run of `last` steps, with k_hat_ and u_hat_ for it: computed anew, or,
  // with `reuse`, kept from the forward pass of the same run while the readers' weights
  // are unchanged (the backward pass).
  detail::BatchedFft spectra(long last, bool reuse);
  // The spectra of every reader's kernel (two channels per lane) and of every input.
  void kernel_spectra(long last, const detail::BatchedFft& fft);
  void input_spectra(long last, const detail::BatchedFft& fft);
  Matrix reader_kernel(std::size_t r, long steps) const;
  // m at step `end` for every row (last_step_only): [batch x n].
  Matrix last_state(long end) const;

  // The backward pass, step by step. Collapsed (last step only): through m = [u_T ... u_1] H^T.
  void backward_collapsed(long first, long last, std::vector<Matrix>& parameter_grads);
  // The FFT path: per row chunk (kRowsPerChunk rows, a fixed cut), reader and group x
  // input, the spectrum of dL/dK; dL/du is formed on the way.
  struct Spectrum;
  using GradientSpectra = std::vector<std::vector<std::vector<Spectrum>>>;
  GradientSpectra gradient_spectra(const detail::BatchedFft& fft, long first, long last);
  // One row b, reader r, channel group g: adds its dL/dK spectra into `acc` (per g x q)
  // and its dL/dU spectra into `du_hat` ([q][bins]); `work` is scratch.
  void add_row_gradient_spectra(Index b, std::size_t r, Index g, const detail::BatchedFft& fft, long first, long last,
                                Spectrum& work, std::vector<Spectrum>& acc, Spectrum& du_hat) const;
  // dL/du by one batched inverse transform for up to kLanes (row, input) pairs: their
  // spectra, lane by lane, and which pair each lane holds.
  struct InputGradients;
  // Adds row b's input q: its dL/dU spectrum from du_hat into the next lane.
  void add_input_gradient_spectrum(Index b, Index q, const Spectrum& du_hat, const detail::BatchedFft& fft,
                                   InputGradients& du) const;
  // Back to time, into du_ at steps first..last; empties du.
  void input_gradients(InputGradients& du, const detail::BatchedFft& fft, long first, long last);
  // dL/dK_r (out_r x steps*p) from the chunks' spectra.
  Matrix kernel_gradient(std::size_t r, const GradientSpectra& dk_hat, const detail::BatchedFft& fft, long last) const;

  std::string node_;
  const Parameter* a_;
  const Parameter* b_;
  Index n_;

  // Spectra for the FFT path: per reader, [group * p + q] -> [bins][lanes] (two channels
  // per lane); per row and input, [row * p + q][bins].
  struct Spectrum {  // real and imaginary parts apart, 64-byte aligned (batched_fft.h)
    std::vector<float, Eigen::aligned_allocator<float>> re, im;
    explicit Spectrum(std::size_t size = 0) : re(size, 0.0f), im(size, 0.0f) {}
    void zero();
  };
  struct InputGradients {
    Spectrum spectra;                             // [bins][kLanes]
    std::vector<std::pair<Index, Index>> rows;    // lane -> (row b, input q)
    explicit InputGradients(std::size_t bins);
  };
  std::vector<std::vector<Spectrum>> k_hat_;
  Spectrum u_hat_;
  long spectra_steps_ = 0;               // the run length k_hat_ and u_hat_ are for
  std::vector<Matrix> spectra_weights_;  // the readers' weights k_hat_ was made with
  // Impulse response H = [B, AB, A^2 B, ...]: n x (steps * p), and the A, B it came from.
  Matrix h_;
  Matrix h_a_, h_b_;
};

}  // namespace netsim
