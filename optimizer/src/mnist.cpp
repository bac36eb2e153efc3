#include "netsim/optimizer/mnist.h"

#include <cmath>
#include <numeric>

#include "netsim/core/error.h"
#include "netsim/core/random.h"
#include "netsim/optimizer/idx_file.h"

namespace netsim {

LabelledImages read_mnist(const std::string& images_path, const std::string& labels_path) {
  const IdxArray images = read_idx(images_path);
  if (images.shape.size() != 3) {
    throw ValidationError(images_path + ": expected images shaped (count, rows, cols), got " +
                          std::to_string(images.shape.size()) + " dimensions");
  }
  const IdxArray labels = read_idx(labels_path);
  if (labels.shape.size() != 1) {
    throw ValidationError(labels_path + ": expected labels shaped (count,), got " + std::to_string(labels.shape.size()) +
                          " dimensions (is this an image file?)");
  }
  if (labels.shape[0] != images.shape[0]) {
    throw ValidationError(labels_path + ": expected " + std::to_string(images.shape[0]) + " labels (one per image in " +
                          images_path + "), got " + std::to_string(labels.shape[0]));
  }
  LabelledImages set;
  set.count = images.shape[0];
  set.rows = images.shape[1];
  set.cols = images.shape[2];
  set.pixels = images.values;
  set.labels.resize(labels.values.size());
  for (std::size_t i = 0; i < labels.values.size(); ++i) {
    const float v = labels.values[i];
    if (!(v >= 0.0f && v <= 9.0f) || v != std::floor(v)) {
      throw ValidationError(labels_path + ": label " + std::to_string(i) + ": expected a digit 0..9, got " +
                            std::to_string(v));
    }
    set.labels[i] = static_cast<int>(v);
  }
  return set;
}

std::pair<float, float> pixel_mean_std(const LabelledImages& images, Index begin, Index count) {
  const Index n = images.pixels_per_image();
  double sum = 0.0, sum_sq = 0.0;
  for (Index i = begin * n; i < (begin + count) * n; ++i) {
    const double x = images.pixels[static_cast<std::size_t>(i)] / 255.0;
    sum += x;
    sum_sq += x * x;
  }
  const double total = static_cast<double>(count * n);
  const double mean = sum / total;
  return {static_cast<float>(mean), static_cast<float>(std::sqrt(std::max(0.0, sum_sq / total - mean * mean)))};
}

std::pair<std::vector<float>, std::vector<float>> per_pixel_mean_std(const LabelledImages& images, Index begin,
                                                                     Index count) {
  const Index n = images.pixels_per_image();
  std::vector<double> sum(static_cast<std::size_t>(n)), sum_sq(static_cast<std::size_t>(n));
  for (Index i = begin; i < begin + count; ++i) {
    for (Index k = 0; k < n; ++k) {
      const double x = images.pixels[static_cast<std::size_t>(i * n + k)] / 255.0;
      sum[static_cast<std::size_t>(k)] += x;
      sum_sq[static_cast<std::size_t>(k)] += x * x;
    }
  }
  std::vector<float> mean(static_cast<std::size_t>(n)), stddev(static_cast<std::size_t>(n));
  for (std::size_t k = 0; k < mean.size(); ++k) {
    const double m = sum[k] / static_cast<double>(count);
    mean[k] = static_cast<float>(m);
    stddev[k] = static_cast<float>(std::sqrt(std::max(0.0, sum_sq[k] / static_cast<double>(count) - m * m)));
  }
  return {mean, stddev};
}

std::vector<Index> pixel_permutation(Index n, std::uint64_t seed) {
  std::vector<Index> p(static_cast<std::size_t>(n));
  std::iota(p.begin(), p.end(), Index{0});
  Rng rng(seed);
  for (Index i = n - 1; i > 0; --i) {
    std::swap(p[static_cast<std::size_t>(i)], p[rng.below(static_cast<std::uint64_t>(i) + 1)]);
  }
  return p;
}

Array3 mnist_sequences(const LabelledImages& images, Index begin, Index count, const MnistSequenceOptions& options) {
  const Index n = images.pixels_per_image();
  const Index per_step = options.pixels_per_step;
  if (per_step < 1 || n % per_step != 0) {
    throw ValidationError("pixels_per_step: expected a divisor of " + std::to_string(n) + " pixels, got " +
                          std::to_string(per_step));
  }
  if (begin < 0 || count < 0 || begin + count > images.count) {
    throw ValidationError("images [" + std::to_string(begin) + ", " + std::to_string(begin + count) +
                          "): expected a range within the " + std::to_string(images.count) + " images");
  }
  if (options.scaling == PixelScaling::standardize && !(options.stddev > 0.0f)) {
    throw ValidationError("standardize: expected a standard deviation > 0, got " + std::to_string(options.stddev));
  }
  const bool per_pixel = options.scaling == PixelScaling::standardize_per_pixel;
  const bool centred = options.scaling == PixelScaling::center_per_pixel;
  if (per_pixel && (options.pixel_mean.size() != static_cast<std::size_t>(n) ||
                    options.pixel_stddev.size() != static_cast<std::size_t>(n))) {
    throw ValidationError("standardize_per_pixel: expected a mean and a standard deviation for each of the " +
                          std::to_string(n) + " pixels");
  }
  if (centred && options.pixel_mean.size() != static_cast<std::size_t>(n)) {
    throw ValidationError("center_per_pixel: expected a mean for each of the " + std::to_string(n) + " pixels");
  }
  std::vector<Index> order(static_cast<std::size_t>(n));
  if (options.permutation_seed) {
    order = pixel_permutation(n, *options.permutation_seed);
  } else {
    std::iota(order.begin(), order.end(), Index{0});
  }
  Array3 out(count, n / per_step, per_step);
  float* dst = out.data();
  for (Index i = 0; i < count; ++i) {
    const float* image = images.pixels.data() + (begin + i) * n;
    for (Index k = 0; k < n; ++k) {
      const auto pixel = static_cast<std::size_t>(order[static_cast<std::size_t>(k)]);
      float x = image[pixel];
      if (options.scaling == PixelScaling::unit) x /= 255.0f;
      if (options.scaling == PixelScaling::standardize) x = (x / 255.0f - options.mean) / options.stddev;
      if (per_pixel) x = (x / 255.0f - options.pixel_mean[pixel]) / (options.pixel_stddev[pixel] + 1e-5f);
      if (centred) x = x / 255.0f - options.pixel_mean[pixel];
      *dst++ = x;
    }
  }
  return out;
}

}  // namespace netsim
