#pragma once
// A convolution (core/image_window.h) by oneDNN's direct convolution kernels, for
// ConvolutionOp when the rewrite flag `library_convolution` is on (rewrites.h) and netsim was
// built with oneDNN (CMake NETSIM_WITH_ONEDNN). Private to netsim_builder.
//
// Images are rows, channels last (oneDNN's nhwc), one after another without gaps; kernels
// are ConvolutionSpec's [F x kh*kw*C] matrix (oneDNN's ohwi). Each call runs on the calling
// thread alone (a TBB row task): oneDNN is built on OpenMP in Debian, and is told to use one
// thread here. Results equal the im2col path to float rounding (other summation order);
// the random-network test compares them on every run of the suite.

#include <memory>

#include "netsim/core/image_window.h"
#include "netsim/core/types.h"

namespace netsim::detail {

class LibraryConvolution {
 public:
  // Null when netsim was built without oneDNN.
  static std::unique_ptr<LibraryConvolution> make(const ConvolutionSpec& spec);
  ~LibraryConvolution();

  // y (= or += with `accumulate`) conv(x, kernels), `images` rows.
  void forward(const Scalar* x, const Scalar* kernels, Scalar* y, Index images, bool accumulate);
  // gx += the input gradient of gy.
  void backward_data(const Scalar* gy, const Scalar* kernels, Scalar* gx, Index images);
  // gk += the kernels' gradient of gy at input x.
  void backward_weights(const Scalar* x, const Scalar* gy, Scalar* gk, Index images);

  struct Impl;

 private:
  explicit LibraryConvolution(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace netsim::detail
