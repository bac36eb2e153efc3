#include "netsim/core/image_window.h"

#include <algorithm>

#include "netsim/core/error.h"

namespace netsim {
namespace {

Index out_extent(Index in, Index window, Index stride, Padding padding) {
  if (padding == Padding::same) return (in + stride - 1) / stride;
  return in >= window ? (in - window) / stride + 1 : 0;
}

Index pad_before(Index in, Index window, Index stride, Padding padding) {
  if (padding == Padding::valid) return 0;
  const Index out = out_extent(in, window, stride, padding);
  return std::max<Index>((out - 1) * stride + window - in, 0) / 2;
}

void check_window(const ImageShape& input, const Window2D& w, const std::string& where) {
  auto positive = [&](Index v, const char* what) {
    if (v < 1) throw ValidationError(where + ": " + what + ": expected a positive number, got " + std::to_string(v));
  };
  positive(input.height, "input height");
  positive(input.width, "input width");
  positive(input.channels, "input channels");
  positive(w.height, "window height");
  positive(w.width, "window width");
  positive(w.stride_y, "stride (rows)");
  positive(w.stride_x, "stride (columns)");
  if (w.out_height(input.height) < 1 || w.out_width(input.width) < 1) {
    throw ValidationError(where + ": expected a window no larger than the input with padding valid, got " +
                          std::to_string(w.height) + "x" + std::to_string(w.width) + " on " + input.to_string());
  }
}

}  // namespace

std::string to_string(Padding padding) { return padding == Padding::same ? "same" : "valid"; }

std::string ImageShape::to_string() const {
  return std::to_string(height) + "x" + std::to_string(width) + "x" + std::to_string(channels);
}

Index Window2D::out_height(Index in_height) const { return out_extent(in_height, height, stride_y, padding); }
Index Window2D::out_width(Index in_width) const { return out_extent(in_width, width, stride_x, padding); }
Index Window2D::pad_top(Index in_height) const { return pad_before(in_height, height, stride_y, padding); }
Index Window2D::pad_left(Index in_width) const { return pad_before(in_width, width, stride_x, padding); }

std::string Window2D::to_string() const {
  return std::to_string(height) + "x" + std::to_string(width) + " stride " + std::to_string(stride_y) + "x" +
         std::to_string(stride_x) + " " + netsim::to_string(padding);
}

ImageShape ConvolutionSpec::output() const {
  return {window.out_height(input.height), window.out_width(input.width), filters};
}

void ConvolutionSpec::check(const std::string& where) const {
  if (filters < 1) throw ValidationError(where + ": filters: expected a positive number, got " + std::to_string(filters));
  check_window(input, window, where);
}

std::string ConvolutionSpec::to_string() const {
  return "conv " + window.to_string() + ", " + input.to_string() + " -> " + output().to_string();
}

ImageShape PoolingSpec::output() const {
  return {window.out_height(input.height), window.out_width(input.width), input.channels};
}

void PoolingSpec::check(const std::string& where) const { check_window(input, window, where); }

std::string PoolingSpec::to_string() const {
  return window.to_string() + ", " + input.to_string() + " -> " + output().to_string();
}

}  // namespace netsim
