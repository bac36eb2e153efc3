#pragma once
// MNIST as the seed documents use it: the IDX image and label files read and checked,
// then turned into sequences — pixels scaled (/255) or standardised with the training
// set's mean and standard deviation, optionally permuted by a fixed permutation drawn
// from a seed (psMNIST), and fed P pixels per step (P = 1: 784 steps; 7: 112; 784: one).
//
//   auto train = read_mnist("data/mnist/train-images-idx3-ubyte", "data/mnist/train-labels-idx1-ubyte");
//   Array3 x = mnist_sequences(train, 0, 50000, {.pixels_per_step = 1, .permutation_seed = 0});

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "netsim/core/array3.h"
#include "netsim/core/types.h"

namespace netsim {

struct LabelledImages {
  Index count = 0;
  Index rows = 0;
  Index cols = 0;
  std::vector<float> pixels;  // [count x rows x cols], raw values 0..255
  std::vector<int> labels;    // [count], 0..9

  Index pixels_per_image() const { return rows * cols; }
};

// Reads an image file (3-D IDX, unsigned bytes) and its label file (1-D IDX, 0..9), raw
// or .gz. Throws ValidationError naming the file: missing, truncated, wrong rank, counts
// that differ between the two files, or a label outside 0..9 (with its index).
LabelledImages read_mnist(const std::string& images_path, const std::string& labels_path);

// none: raw 0..255; unit: x/255; standardize: (x/255 - mean)/std with one mean and std
// for all pixels; standardize_per_pixel: each pixel position with its own mean and std,
// (x/255 - mean_i)/(std_i + 1e-5), as the minpy RNN seed does; center_per_pixel:
// x/255 - mean_i (the mean image subtracted), as the NeuPy MLP and CS231n linear seeds do.
enum class PixelScaling { none, unit, standardize, standardize_per_pixel, center_per_pixel };

struct MnistSequenceOptions {
  PixelScaling scaling = PixelScaling::unit;  // unit: x/255; standardize: (x/255 - mean)/std
  float mean = 0.0f;                          // for standardize: of the training set (pixel_mean_std)
  float stddev = 1.0f;
  std::vector<float> pixel_mean, pixel_stddev;  // *_per_pixel (per_pixel_mean_std)
  Index pixels_per_step = 1;                  // must divide rows x cols
  std::optional<std::uint64_t> permutation_seed;  // psMNIST: one fixed permutation of the pixels
};

// Mean and standard deviation of x/255 over images [begin, begin + count).
std::pair<float, float> pixel_mean_std(const LabelledImages& images, Index begin, Index count);
// The same per pixel position (each vector has rows x cols entries).
std::pair<std::vector<float>, std::vector<float>> per_pixel_mean_std(const LabelledImages& images, Index begin,
                                                                     Index count);

// The permutation psMNIST applies to every image: a Fisher-Yates shuffle of 0..n-1 drawn
// from Rng(seed); the same seed always gives the same permutation on every machine.
std::vector<Index> pixel_permutation(Index n, std::uint64_t seed);

// Images [begin, begin + count) as sequences shaped (count, pixels / P, P).
Array3 mnist_sequences(const LabelledImages& images, Index begin, Index count, const MnistSequenceOptions& options);

}  // namespace netsim
