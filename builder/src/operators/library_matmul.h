#pragma once
// A dense transform's products by oneDNN's matmul with the weights laid out for it once per
// run, for DotOp when the rewrite flag `library_matmul` is on (rewrites.h), the weights are
// large enough (kMinLibraryMatmulWeights) and netsim was built with oneDNN (CMake
// NETSIM_WITH_ONEDNN). Private to netsim_builder.
//
//   forward:        y (= or +=) x W^T      x [rows x pre], y [rows x post], row strides given
//   backward_data:  gx += gy W
// W is the Parameter's [post x pre] row-major matrix. Eigen's GEMM packs W again on every
// call (every step, every row task); here pack_forward / pack_backward lay it out once, and
// each call runs on the calling thread alone (library_convolution.h says why). The weights'
// gradient stays with Eigen (DotOp). Results equal Eigen's to float rounding.

#include <memory>

#include "netsim/core/types.h"

namespace netsim::detail {

// Below this many weights a product is too small for the call to pay (the LMU's 212 x 212
// recurrence has 45k, a CNN's readout 5k).
constexpr Index kMinLibraryMatmulWeights = 4096;
// Runs shorter than this keep Eigen: laying the weights out, on one thread, costs more
// than it saves when each row task uses them once (a CNN's dense layer, 6 MB of weights:
// 3.7-4.0 instead of 2.9-3.2 s per 100 batches, measured).
constexpr long kMinLibraryMatmulSteps = 4;

class LibraryMatmul {
 public:
  // Null when netsim was built without oneDNN. The strides are the row strides (signal
  // widths) of x and y in every call.
  static std::unique_ptr<LibraryMatmul> make(Index pre, Index post, Index x_stride, Index y_stride);
  ~LibraryMatmul();

  // Lay W out for the forward / backward products; W must not change until the next call.
  void pack_forward(const Matrix& w);
  void pack_backward(const Matrix& w);

  void forward(const Scalar* x, Scalar* y, Index rows, bool accumulate);
  void backward_data(const Scalar* gy, Scalar* gx, Index rows);

  struct Impl;

 private:
  explicit LibraryMatmul(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace netsim::detail
