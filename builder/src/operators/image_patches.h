#pragma once
// The loops behind the convolution and pooling operators, for one image (one row of a
// signal, channels-last; core/image_window.h). Private to netsim_builder.
//
//   gather_patches   im2col: patches [P x K], P output positions, K = kh*kw*C, row p the
//                    window of output position p (zeros where it leaves the image)
//   scatter_patches  its transpose (col2im): image += the patches' values put back
//   average_pool / average_pool_vjp, for_each_window_max / max_pool_vjp
// Padding is never stored: windows are clipped to the image.

#include <algorithm>
#include <cstring>

#include "netsim/core/image_window.h"
#include "netsim/core/types.h"

namespace netsim::detail {

// The input rows [begin, end) a window starting at `start` (possibly negative) covers.
struct Span {
  Index begin, end;
};
inline Span clip(Index start, Index length, Index limit) {
  return {std::max<Index>(start, 0), std::min<Index>(start + length, limit)};
}

// Calls f(p, ys, xs, ky0, kx0) for every output position p, with the input spans its
// window covers and the window offset of their first row/column.
template <typename F>
void for_each_window(const ImageShape& in, const Window2D& w, F&& f) {
  const Index out_h = w.out_height(in.height), out_w = w.out_width(in.width);
  const Index top = w.pad_top(in.height), left = w.pad_left(in.width);
  for (Index oy = 0; oy < out_h; ++oy) {
    const Index y0 = oy * w.stride_y - top;
    const Span ys = clip(y0, w.height, in.height);
    for (Index ox = 0; ox < out_w; ++ox) {
      const Index x0 = ox * w.stride_x - left;
      const Span xs = clip(x0, w.width, in.width);
      f(oy * out_w + ox, ys, xs, ys.begin - y0, xs.begin - x0);
    }
  }
}

// n floats; short runs (a window row of one channel: 5 floats for a 5x5 kernel) inline,
// where a call to memmove costs more than the copy.
inline void copy_run(const Scalar* from, Index n, Scalar* to) {
  constexpr Index kShort = 8;
  if (n > kShort) {
    std::memcpy(to, from, static_cast<std::size_t>(n) * sizeof(Scalar));
    return;
  }
  for (Index i = 0; i < kShort; ++i)  // a fixed trip count: not turned back into a call
    if (i < n) to[i] = from[i];
}

inline void gather_patches(const ConvolutionSpec& s, const Scalar* image, Scalar* patches) {
  const Index c = s.input.channels, k = s.patch_size(), row = s.window.width * c;
  for_each_window(s.input, s.window, [&](Index p, Span ys, Span xs, Index ky0, Index kx0) {
    Scalar* patch = patches + p * k;
    if (ys.end - ys.begin != s.window.height || xs.end - xs.begin != s.window.width) std::fill(patch, patch + k, Scalar(0));
    const Index run = (xs.end - xs.begin) * c;  // contiguous in the image: one window row
    for (Index y = ys.begin; y < ys.end; ++y)
      copy_run(image + (y * s.input.width + xs.begin) * c, run, patch + (y - ys.begin + ky0) * row + kx0 * c);
  });
}

inline void scatter_patches(const ConvolutionSpec& s, const Scalar* patches, Scalar* image) {
  const Index c = s.input.channels, k = s.patch_size(), row = s.window.width * c;
  for_each_window(s.input, s.window, [&](Index p, Span ys, Span xs, Index ky0, Index kx0) {
    const Index run = (xs.end - xs.begin) * c;
    for (Index y = ys.begin; y < ys.end; ++y) {
      const Scalar* from = patches + p * k + (y - ys.begin + ky0) * row + kx0 * c;
      Scalar* to = image + (y * s.input.width + xs.begin) * c;
      for (Index i = 0; i < run; ++i) to[i] += from[i];
    }
  });
}

// out[p, c] (= or +=) the mean of the window's in-image values of channel c.
inline void average_pool(const PoolingSpec& s, const Scalar* in, Scalar* out, bool inc) {
  const Index c = s.input.channels;
  for_each_window(s.input, s.window, [&](Index p, Span ys, Span xs, Index, Index) {
    Scalar* o = out + p * c;
    const Scalar scale = Scalar(1) / static_cast<Scalar>((ys.end - ys.begin) * (xs.end - xs.begin));
    if (!inc) std::fill(o, o + c, Scalar(0));
    for (Index y = ys.begin; y < ys.end; ++y)
      for (Index x = xs.begin; x < xs.end; ++x) {
        const Scalar* v = in + (y * s.input.width + x) * c;
        for (Index ch = 0; ch < c; ++ch) o[ch] += scale * v[ch];
      }
  });
}

inline void average_pool_vjp(const PoolingSpec& s, const Scalar* grad_out, Scalar* grad_in) {
  const Index c = s.input.channels;
  for_each_window(s.input, s.window, [&](Index p, Span ys, Span xs, Index, Index) {
    const Scalar* g = grad_out + p * c;
    const Scalar scale = Scalar(1) / static_cast<Scalar>((ys.end - ys.begin) * (xs.end - xs.begin));
    for (Index y = ys.begin; y < ys.end; ++y)
      for (Index x = xs.begin; x < xs.end; ++x) {
        Scalar* d = grad_in + (y * s.input.width + x) * c;
        for (Index ch = 0; ch < c; ++ch) d[ch] += scale * g[ch];
      }
  });
}

// Max pooling works on channels in contiguous chunks, so each window position is one
// streaming read and the channel loops vectorise.
constexpr Index kMaxPoolChunk = 64;

// For channels c0 .. c0+n-1 of the window over rows ys and columns xs: best[ch] the input
// index of the largest value (the first one on ties, in row-major window order) and
// best_value[ch] that value (kept beside the index: comparing against in[best[ch]] would
// be a gather).
inline void window_argmax(const PoolingSpec& s, const Scalar* in, Span ys, Span xs, Index c0, Index n, Index* best,
                          Scalar* best_value) {
  const Index c = s.input.channels;
  const Index first = (ys.begin * s.input.width + xs.begin) * c + c0;
  for (Index ch = 0; ch < n; ++ch) {
    best[ch] = first + ch;
    best_value[ch] = in[first + ch];
  }
  for (Index y = ys.begin; y < ys.end; ++y)
    for (Index x = xs.begin; x < xs.end; ++x) {
      const Index base = (y * s.input.width + x) * c + c0;
      for (Index ch = 0; ch < n; ++ch) {
        const Scalar v = in[base + ch];
        const bool larger = v > best_value[ch];  // strictly: the first maximum wins
        best[ch] = larger ? base + ch : best[ch];
        best_value[ch] = larger ? v : best_value[ch];
      }
    }
}

// Calls f(p, ys, xs, c0, n, best) for every window p and chunk of channels c0 .. c0+n-1,
// best[ch] the input index of the largest value (window_argmax).
template <typename F>
void for_each_window_chunk_max(const PoolingSpec& s, const Scalar* in, F&& f) {
  const Index c = s.input.channels;
  Index best[kMaxPoolChunk];
  Scalar best_value[kMaxPoolChunk];
  for_each_window(s.input, s.window, [&](Index p, Span ys, Span xs, Index, Index) {
    for (Index c0 = 0; c0 < c; c0 += kMaxPoolChunk) {
      const Index n = std::min(kMaxPoolChunk, c - c0);
      window_argmax(s, in, ys, xs, c0, n, best, best_value);
      f(p, ys, xs, c0, n, static_cast<const Index*>(best));
    }
  });
}

// Calls f(p, ch, i) with the input index i of the largest value in each window and
// channel (the first one on ties, in row-major window order).
template <typename F>
void for_each_window_max(const PoolingSpec& s, const Scalar* in, F&& f) {
  for_each_window_chunk_max(s, in, [&](Index p, Span, Span, Index c0, Index n, const Index* best) {
    for (Index ch = 0; ch < n; ++ch) f(p, c0 + ch, best[ch]);
  });
}

// grad_in[i] += grad_out[p, ch] for the input i that won window p in channel ch. Added as
// a masked sum over the window's positions (+0 where another input won), which
// vectorises, where adding at each winner's index is a scatter; windows in the same order,
// so the same sums.
inline void max_pool_vjp(const PoolingSpec& s, const Scalar* in, const Scalar* grad_out, Scalar* grad_in) {
  const Index c = s.input.channels;
  for_each_window_chunk_max(s, in, [&](Index p, Span ys, Span xs, Index c0, Index n, const Index* best) {
    const Scalar* g = grad_out + p * c + c0;
    for (Index y = ys.begin; y < ys.end; ++y)
      for (Index x = xs.begin; x < xs.end; ++x) {
        const Index base = (y * s.input.width + x) * c + c0;
        for (Index ch = 0; ch < n; ++ch) grad_in[base + ch] += best[ch] == base + ch ? g[ch] : Scalar(0);
      }
  });
}

}  // namespace netsim::detail
