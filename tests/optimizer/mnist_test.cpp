// MNIST IDX files and the sequence transforms of the seed documents, on tiny sets made here.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "netsim/core/error.h"
#include "netsim/core/npy.h"
#include "netsim/optimizer/idx_file.h"
#include "netsim/optimizer/mnist.h"
#include "scratch_dir.h"

namespace netsim::test {
namespace {

// Three 2x2 "images" with pixel values 0, 10, 20, ... and labels 7, 0, 9.
void write_tiny_set(const ScratchDir& dir, const std::string& suffix) {
  std::vector<std::uint8_t> pixels(12);
  for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<std::uint8_t>(10 * i);
  write_idx_ubyte(dir.file("images" + suffix), {3, 2, 2}, pixels);
  write_idx_ubyte(dir.file("labels" + suffix), {3}, {7, 0, 9});
}

}  // namespace

TEST_CASE("MNIST: raw and gzip-compressed IDX files read the same") {
  const ScratchDir dir;
  for (const std::string suffix : {"", ".gz"}) {
    CAPTURE(suffix);
    write_tiny_set(dir, suffix);
    const LabelledImages set = read_mnist(dir.file("images" + suffix), dir.file("labels" + suffix));
    CHECK(set.count == 3);
    CHECK(set.rows == 2);
    CHECK(set.cols == 2);
    CHECK(set.pixels[5] == 50.0f);
    CHECK(set.labels == std::vector<int>{7, 0, 9});
  }
  // The .gz really is compressed data (gzip magic), not a renamed raw file.
  std::ifstream gz(dir.file("images.gz"), std::ios::binary);
  CHECK(gz.get() == 0x1f);
  CHECK(gz.get() == 0x8b);
}

TEST_CASE("MNIST: missing, truncated, mislabelled and mismatched files are clear errors") {
  const ScratchDir dir;
  write_tiny_set(dir, "");
  CHECK_THROWS_WITH_AS(read_idx(dir.file("nope")), doctest::Contains("nope: cannot read"), ValidationError);

  // Truncated: the header promises 12 pixels, the file holds 10.
  const std::string bytes = read_file_bytes(dir.file("images"));
  std::ofstream(dir.file("short"), std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size() - 2));
  CHECK_THROWS_WITH_AS(read_idx(dir.file("short")),
                       doctest::Contains("short: truncated: expected 12 bytes of IDX data after byte 16, got 10"),
                       ValidationError);
  std::ofstream(dir.file("text"), std::ios::binary) << "hello world";
  CHECK_THROWS_WITH_AS(read_idx(dir.file("text")), doctest::Contains("expected an IDX file"), ValidationError);

  write_idx_ubyte(dir.file("bad_labels"), {3}, {7, 12, 9});
  CHECK_THROWS_WITH_AS(read_mnist(dir.file("images"), dir.file("bad_labels")),
                       doctest::Contains("bad_labels: label 1: expected a digit 0..9, got 12"), ValidationError);
  write_idx_ubyte(dir.file("two_labels"), {2}, {7, 1});
  CHECK_THROWS_WITH_AS(read_mnist(dir.file("images"), dir.file("two_labels")),
                       doctest::Contains("expected 3 labels (one per image in"), ValidationError);
  CHECK_THROWS_WITH_AS(read_mnist(dir.file("images"), dir.file("images")),
                       doctest::Contains("expected labels shaped (count,), got 3 dimensions"), ValidationError);
}

TEST_CASE("MNIST sequences: scaling, pixels per step and the psMNIST permutation") {
  const ScratchDir dir;
  write_tiny_set(dir, "");
  const LabelledImages set = read_mnist(dir.file("images"), dir.file("labels"));

  const Array3 one = mnist_sequences(set, 1, 2, {.pixels_per_step = 1});
  CHECK(one.shape() == std::array<Index, 3>{2, 4, 1});
  CHECK(one(0, 0, 0) == doctest::Approx(40.0 / 255.0));  // image 1, pixel 0
  CHECK(one(1, 3, 0) == doctest::Approx(110.0 / 255.0));

  const Array3 two = mnist_sequences(set, 0, 1, {.scaling = PixelScaling::none, .pixels_per_step = 2});
  CHECK(two.shape() == std::array<Index, 3>{1, 2, 2});
  CHECK(two(0, 1, 0) == 20.0f);

  const auto [mean, stddev] = pixel_mean_std(set, 0, 3);
  CHECK(mean == doctest::Approx(55.0 / 255.0));
  const Array3 standard = mnist_sequences(set, 0, 3, {.scaling = PixelScaling::standardize, .mean = mean, .stddev = stddev});
  double sum = 0.0, sum_sq = 0.0;
  for (Index i = 0; i < standard.size(); ++i) {
    sum += standard.data()[i];
    sum_sq += standard.data()[i] * standard.data()[i];
  }
  CHECK(sum / 12.0 == doctest::Approx(0.0).epsilon(1e-6));
  CHECK(sum_sq / 12.0 == doctest::Approx(1.0).epsilon(1e-5));

  const std::vector<Index> p = pixel_permutation(4, 0);
  std::vector<Index> sorted = p;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == std::vector<Index>{0, 1, 2, 3});
  CHECK(pixel_permutation(4, 0) == p);                 // fixed by the seed
  CHECK(pixel_permutation(784, 0) != pixel_permutation(784, 1));
  const Array3 permuted = mnist_sequences(set, 2, 1, {.scaling = PixelScaling::none, .permutation_seed = 0});
  for (Index k = 0; k < 4; ++k) CHECK(permuted(0, k, 0) == set.pixels[static_cast<std::size_t>(8 + p[static_cast<std::size_t>(k)])]);

  // Per pixel: pixel 1 of the three images is 10, 50, 90 -> mean 50/255, std sqrt(3200/3)/255.
  const auto [means, stddevs] = per_pixel_mean_std(set, 0, 3);
  CHECK(means[1] == doctest::Approx(50.0 / 255.0));
  CHECK(stddevs[1] == doctest::Approx(std::sqrt(3200.0 / 3.0) / 255.0));
  const Array3 per_pixel = mnist_sequences(set, 0, 3, {.scaling = PixelScaling::standardize_per_pixel, .pixel_mean = means, .pixel_stddev = stddevs});
  CHECK(per_pixel(0, 1, 0) == doctest::Approx((10.0 - 50.0) / 255.0 / (std::sqrt(3200.0 / 3.0) / 255.0 + 1e-5)).epsilon(1e-5));
  CHECK(per_pixel(2, 1, 0) == doctest::Approx(-per_pixel(0, 1, 0)).epsilon(1e-5));
  CHECK_THROWS_AS(mnist_sequences(set, 0, 1, {.scaling = PixelScaling::standardize_per_pixel}), ValidationError);
  const Array3 centred = mnist_sequences(set, 0, 3, {.scaling = PixelScaling::center_per_pixel, .pixel_mean = means});
  CHECK(centred(0, 1, 0) == doctest::Approx((10.0 - 50.0) / 255.0).epsilon(1e-6));
  CHECK(centred(1, 1, 0) == doctest::Approx(0.0).scale(1.0));
  CHECK_THROWS_WITH_AS(mnist_sequences(set, 0, 1, {.scaling = PixelScaling::center_per_pixel}),
                       doctest::Contains("center_per_pixel: expected a mean for each of the 4 pixels"), ValidationError);

  CHECK_THROWS_WITH_AS(mnist_sequences(set, 0, 1, {.pixels_per_step = 3}),
                       doctest::Contains("pixels_per_step: expected a divisor of 4 pixels, got 3"), ValidationError);
  CHECK_THROWS_AS(mnist_sequences(set, 2, 2, {}), ValidationError);
}

}  // namespace netsim::test
