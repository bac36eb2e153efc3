// load_datasets: the data a network file's data: section names, read when a command needs it.
#include <algorithm>
#include <filesystem>
#include <tuple>

#include "netsim/config/training_settings.h"
#include "netsim/core/error.h"
#include "netsim/core/npy.h"
#include "netsim/core/npz.h"

namespace netsim::config {
namespace {

[[noreturn]] void fail_at(const Diagnostic& where, const std::string& message) {
  Diagnostic d = where;
  d.message = message;
  throw ConfigError({d});
}

NdArray read_source(const ArraySource& source) {
  try {
    return source.key ? read_npz_array(source.path, *source.key) : read_npy(source.path);
  } catch (const ValidationError& e) {
    std::string message = e.what();  // name the file as the YAML spells it
    if (message.starts_with(source.path)) message = source.written + message.substr(source.path.size());
    fail_at(source.where, message);
  }
}

Dataset load_split(const ArraySplit& split) {
  Dataset d;
  std::optional<Index> count;
  for (const auto& [node, source] : split.inputs) {
    const NdArray a = read_source(source);
    if (a.rank() != 3) {
      fail_at(source.where, "\"" + source.written + "\": expected an array shaped (sequences, steps, size), got " + a.shape_string());
    }
    if (count && a.shape[0] != *count) {
      fail_at(source.where, "\"" + source.written + "\": expected " + std::to_string(*count) +
                                " sequences like the other inputs, got " + a.shape_string());
    }
    count = a.shape[0];
    d.inputs.emplace(node, a.to_array3(source.written));
  }
  for (const auto& [probe, source] : split.targets) {
    NdArray a = read_source(source);
    if (count && (a.rank() == 0 || a.shape[0] != *count)) {
      fail_at(source.where, "\"" + source.written + "\": expected targets for " + std::to_string(*count) +
                                " sequences (the inputs' first dimension), got " + a.shape_string());
    }
    d.targets.emplace(probe, std::move(a));
  }
  return d;
}

std::string idx_file(const MnistSource& m, const std::string& base) {
  const std::filesystem::path plain = std::filesystem::path(m.folder) / base;
  std::error_code ec;
  if (std::filesystem::is_regular_file(plain, ec)) return plain.string();
  if (std::filesystem::is_regular_file(plain.string() + ".gz", ec)) return plain.string() + ".gz";
  fail_at(m.where, "expected the MNIST file " + base + " (or " + base + ".gz) in " + m.folder +
                       " (scripts/fetch_mnist.sh fetches them)");
}

LabelledImages read_set(const MnistSource& m, const std::string& images, const std::string& labels) {
  try {
    return read_mnist(idx_file(m, images), idx_file(m, labels));
  } catch (const ConfigError&) {
    throw;
  } catch (const ValidationError& e) {
    fail_at(m.where, e.what());
  }
}

Dataset mnist_split(const MnistSource& m, const LabelledImages& set, Index begin, Index count,
                    const MnistSequenceOptions& options) {
  Dataset d;
  d.inputs.emplace(m.input, mnist_sequences(set, begin, count, options));
  NdArray labels{{count}, {}};
  labels.values.reserve(static_cast<std::size_t>(count));
  for (Index i = begin; i < begin + count; ++i) labels.values.push_back(static_cast<float>(set.labels[static_cast<std::size_t>(i)]));
  d.targets.emplace(m.labels, std::move(labels));
  return d;
}

// Images [begin, begin + count) as read: (count, rows, cols), 0..255.
NdArray raw_images(const LabelledImages& set, Index begin, Index count) {
  const Index n = set.rows * set.cols;
  NdArray images{{count, set.rows, set.cols}, {}};
  images.values.assign(set.pixels.begin() + begin * n, set.pixels.begin() + (begin + count) * n);
  return images;
}

Datasets load_mnist(const MnistSource& m, const std::vector<Split>& splits, bool with_images) {
  Datasets out;
  auto wanted = [&](Split s) { return std::find(splits.begin(), splits.end(), s) != splits.end(); };
  // The training file is needed for its own splits and for the statistics that
  // standardisation takes from the training split, so it is always read.
  const LabelledImages train = read_set(m, "train-images-idx3-ubyte", "train-labels-idx1-ubyte");
  if (train.pixels_per_image() % m.sequences.pixels_per_step != 0) {
    fail_at(m.where, "pixels_per_step " + std::to_string(m.sequences.pixels_per_step) + " does not divide the " +
                         std::to_string(train.pixels_per_image()) + " pixels of an image");
  }
  const Index n_val = m.validation;
  const Index n_train = m.train.value_or(train.count - n_val);
  if (n_train < 1 || n_train + n_val > train.count) {
    fail_at(m.where, "train (" + std::to_string(n_train) + ") and validation (" + std::to_string(n_val) +
                         ") images: expected at most the " + std::to_string(train.count) + " in the training file");
  }
  // Statistics over the whole training file, as the seeds compute them: with only a few
  // thousand images some border pixels never light up, and a standard deviation of 0
  // would blow up the test images that do light them.
  MnistSequenceOptions options = m.sequences;
  if (m.sequences.scaling == PixelScaling::standardize) {
    std::tie(options.mean, options.stddev) = pixel_mean_std(train, 0, train.count);
  } else if (m.sequences.scaling == PixelScaling::standardize_per_pixel ||
             m.sequences.scaling == PixelScaling::center_per_pixel) {
    std::tie(options.pixel_mean, options.pixel_stddev) = per_pixel_mean_std(train, 0, train.count);
  }
  if (wanted(Split::train)) {
    out.train = mnist_split(m, train, 0, n_train, options);
    if (with_images) out.train_images = raw_images(train, 0, n_train);
  }
  if (wanted(Split::validation) && n_val > 0) {
    out.validation = mnist_split(m, train, train.count - n_val, n_val, options);
    if (with_images) out.validation_images = raw_images(train, train.count - n_val, n_val);
  }
  if (wanted(Split::test) || (wanted(Split::validation) && m.validate_on_test)) {
    const LabelledImages test = read_set(m, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    const Index n_test = m.test.value_or(test.count);
    if (n_test > test.count) {
      fail_at(m.where, "test: expected at most the " + std::to_string(test.count) + " images in the test file, got " +
                           std::to_string(n_test));
    }
    Dataset split = mnist_split(m, test, 0, n_test, options);
    if (with_images) {
      if (wanted(Split::validation) && m.validate_on_test) out.validation_images = raw_images(test, 0, n_test);
      if (wanted(Split::test)) out.test_images = raw_images(test, 0, n_test);
    }
    if (wanted(Split::validation) && m.validate_on_test) out.validation = split;
    if (wanted(Split::test)) out.test = std::move(split);
  }
  return out;
}

}  // namespace

std::string to_string(Split split) {
  switch (split) {
    case Split::train: return "train";
    case Split::validation: return "validation";
    case Split::test: return "test";
  }
  return "?";
}

Datasets load_datasets(const DataSettings& data, const std::vector<Split>& splits, bool with_images) {
  if (data.mnist) return load_mnist(*data.mnist, splits, with_images);
  Datasets out;
  for (Split s : splits) {
    const auto& split = s == Split::train ? data.train : s == Split::validation ? data.validation : data.test;
    if (!split) continue;
    (s == Split::train ? out.train : s == Split::validation ? out.validation : out.test) = load_split(*split);
  }
  return out;
}

}  // namespace netsim::config
