#pragma once
// Sliding windows over images stored channels-last, as Nengo's Convolution transform and
// Keras's Conv2D / pooling layers lay them out: value (y, x, c) of an H x W x C image is
// element (y * W + x) * C + c of the node's vector.
//
// Output extent along one axis (TensorFlow's rules, which Nengo and Keras share):
//   valid  out = floor((in - window) / stride) + 1   (the window never leaves the image)
//   same   out = ceil(in / stride), zero padding split before/after, the extra one after

#include <string>

#include "netsim/core/types.h"

namespace netsim {

enum class Padding { valid, same };

std::string to_string(Padding padding);

struct ImageShape {
  Index height = 0, width = 0, channels = 0;

  Index size() const { return height * width * channels; }
  Index positions() const { return height * width; }
  // "28x28x1"
  std::string to_string() const;
  bool operator==(const ImageShape&) const = default;
};

// The window, its stride and padding (the same for convolution and pooling).
struct Window2D {
  Index height = 1, width = 1;
  Index stride_y = 1, stride_x = 1;
  Padding padding = Padding::valid;

  // Output height/width for an input extent; 0 if the window does not fit (valid).
  Index out_height(Index in_height) const;
  Index out_width(Index in_width) const;
  // Rows/columns of zero padding before the first input row/column.
  Index pad_top(Index in_height) const;
  Index pad_left(Index in_width) const;
  // "5x5 stride 1x1 same"
  std::string to_string() const;
};

// A 2-D convolution: `filters` kernels of window.height x window.width x input.channels.
// Its weights are a (filters x window.height * window.width * input.channels) matrix:
// row f is kernel f with index (ky * kw + kx) * C + c (Nengo's kernel (kh, kw, C, F),
// filters first).
struct ConvolutionSpec {
  ImageShape input;
  Index filters = 1;
  Window2D window;

  ImageShape output() const;
  Index patch_size() const { return window.height * window.width * input.channels; }
  // Throws ValidationError("<where>: ...") for non-positive sizes or an output of size 0.
  void check(const std::string& where) const;
  // "conv 5x5 stride 1x1 same, 28x28x1 -> 28x28x32"
  std::string to_string() const;
};

// Pooling: each channel on its own, over window.height x window.width.
struct PoolingSpec {
  ImageShape input;
  Window2D window;

  ImageShape output() const;
  void check(const std::string& where) const;
  // "2x2 stride 2x2 valid, 28x28x32 -> 14x14x32"
  std::string to_string() const;
};

}  // namespace netsim
