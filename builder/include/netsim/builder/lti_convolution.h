#pragma once
// The lti_convolution rewrite's whole-run work (rewrites.h). For the system
//   m_k = A m_{k-1} + B u_k,  m_0 = 0          (m: n values, u: p values per sequence)
// and readers r with weights W_r (out_r x n, or the identity), it computes
//   z_r,k = W_r m_k = sum_{j=0}^{k-1} K_r,j u_{k-j},   K_r,j = W_r A^j B   (out_r x p)
// for every sequence of the minibatch, without forming m:
//   every step   by FFT: one transform of u per sequence and input, one inverse per
//                sequence and reader channel (length N >= 2 x steps, 2^a 3^b 5^c);
//   last step    when only a run's last step is read: the last state m = sum_j A^j B u
//                as one matrix product, then one product per reader.
// Backward, from dL/dz: dL/dW_r = sum_j dL/dK_r,j (A^j B)^T and dL/du, both by the same
// transforms (correlations). Results match the step-by-step recurrence to float rounding.
//
// Data flow per run: LtiInputOp (prefix pass) stores u_k -> compute() -> LtiOutputOp
// (step loop) adds z_r,k into the reader's target. Backward: LtiOutputOp's VJP stores
// dL/dz_r,k -> backward() -> LtiInputOp's VJP adds dL/du_k into u's gradient.
// A, B and W_r are read from their Parameters at every run, so set_parameter and
// training take effect (A^j B is cached while A and B do not change).

#include <string>
#include <vector>

#include "netsim/builder/parameter.h"

namespace netsim {

namespace detail {
class BatchedFft;
}

class LtiConvolution {
 public:
  struct Reader {
    std::string connection;
    const Parameter* weights = nullptr;  // nullptr: identity (out = n)
    Index size = 0;                      // out_r
  };

  // a, b may be nullptr (identity transforms). `a` is n x n, `b` is n x p, as Parameters
  // of any layout.
  LtiConvolution(std::string node, const Parameter* a, const Parameter* b, Index n, Index p,
                 std::vector<Reader> readers);

  const std::string& node() const { return node_; }
  const std::vector<Reader>& readers() const { return readers_; }
  Index input_size() const { return p_; }
  // Only the last step of each run is read (set by the builder's last_step_only analysis).
  void set_last_step_only(bool on) { last_step_only_ = on; }
  bool last_step_only() const { return last_step_only_; }

  // Sizes the buffers for a minibatch and forgets every step (a reset).
  void allocate(Index batch);
  // Makes room for steps 1..last_step (before the prefix pass fills them).
  void reserve_steps(long last_step);
  // u at `step` (1-based), row `row`: p floats to fill.
  float* input(long step, Index row);
  // Computes every reader's output for steps first..last (after the inputs of steps
  // 1..last are stored). Uses the calling task arena's threads.
  void compute(long first, long last);
  // z_r at `step` for `row`: out_r floats.
  const float* output(int reader, long step, Index row) const;

  // --- Backward ---
  // Zeroes dL/dz for steps 1..last.
  void allocate_backward();
  float* output_gradient(int reader, long step, Index row);
  // From dL/dz (steps first..last; zero elsewhere): adds dL/dW_r into
  // parameter_grads[W_r->index] (trainable readers) and forms dL/du for steps first..last.
  void backward(long first, long last, std::vector<Matrix>& parameter_grads);
  const float* input_gradient(long step, Index row) const;

 private:
  void update_impulse_response(long steps);
  // The spectra of every reader's kernel (two channels per lane) and of every input.
  void kernel_spectra(long last, const detail::BatchedFft& fft);
  void input_spectra(long last, Index n_fft);
  Matrix reader_kernel(std::size_t r, long steps) const;
  // m at step `end` for every row (last_step_only): [batch x n].
  Matrix last_state(long end) const;
  float* z_slot(std::size_t r, long step, Index row);
  const float* z_slot(std::size_t r, long step, Index row) const;

  std::string node_;
  const Parameter* a_;
  const Parameter* b_;
  Index n_, p_;
  std::vector<Reader> readers_;
  bool last_step_only_ = false;

  Index batch_ = 0;
  long steps_ = 0;                         // steps held in u_
  std::vector<float> u_, du_;              // [step][batch][p]
  std::vector<std::vector<float>> z_, dz_; // per reader: [step][batch][out] (or [end][batch][out])
  std::vector<long> ends_;                 // last_step_only: the steps whose z is held

  // Spectra for the FFT path: per reader, [group * p + q] -> [bins][lanes] (two channels
  // per lane); per row and input, [row * p + q][bins].
  struct Spectrum {  // real and imaginary parts apart
    std::vector<float> re, im;
    explicit Spectrum(std::size_t size = 0) : re(size, 0.0f), im(size, 0.0f) {}
    void zero();
  };
  std::vector<std::vector<Spectrum>> k_hat_;
  Spectrum u_hat_;
  // Impulse response H = [B, AB, A^2 B, ...]: n x (steps * p), and the A, B it came from.
  Matrix h_;
  Matrix h_a_, h_b_;
};

}  // namespace netsim
