#pragma once
// The `data:` and `train:` sections of a network file (docs/yaml.md): which datasets feed
// which input nodes and probes, and how to train. Read with the rest of the file by
// load_network_file; the data itself is read later, by load_datasets, only when a command
// needs it (netsim train / eval), with errors located at the YAML key that named it.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "netsim/builder/simulator.h"
#include "netsim/config/diagnostic.h"
#include "netsim/optimizer/dataset.h"
#include "netsim/optimizer/learning_rate_schedule.h"
#include "netsim/optimizer/loss.h"
#include "netsim/optimizer/mnist.h"
#include "netsim/optimizer/update_rule.h"

namespace netsim::config {

// An array file named in the YAML: {file: F}, {file: F.npz, key: K} or just F.
struct ArraySource {
  std::string written;        // as in the YAML
  std::string path;           // resolved
  std::optional<std::string> key;
  Diagnostic where;           // file, line, column, key path (message empty)
};

struct ArraySplit {
  std::map<std::string, ArraySource> inputs;   // input node -> (N, steps, size)
  std::map<std::string, ArraySource> targets;  // probe -> labels or targets
};

// MNIST from the four original IDX files (raw or .gz) in one folder.
struct MnistSource {
  std::string folder;  // resolved
  Diagnostic where;
  std::string input;   // input node fed the images
  std::string labels;  // probe the labels are for
  MnistSequenceOptions sequences;  // scaling, pixels_per_step, permutation_seed
  std::optional<Index> train;      // first N training images (default: all but validation)
  Index validation = 0;            // last N training images
  bool validate_on_test = false;   // validation: test, as the minpy seed: the test split validates
  std::optional<Index> test;       // first N test images (default: all)
};

struct DataSettings {
  std::optional<MnistSource> mnist;
  std::optional<ArraySplit> train, validation, test;
};

struct TrainSettings {
  int epochs = 1;
  std::optional<Index> minibatch;  // default: run.minibatch, else 32 (Keras)
  bool shuffle = true;
  UpdateRuleOptions update;
  LearningRateSchedule schedule;
  std::vector<ProbeLoss> losses;
  std::string monitor;  // empty: the trainer's default
  int patience = 0;
  long bptt_window = 0;
  double lif_smoothing = 0.0;  // SoftLIF sigma for lif neurons trained as rates (0: exact LIFRate)
  bool lif_exact_forward = false;  // lif_forward: exact -- the smoothing shapes the gradient only

  // `options` as training runs them: spiking neurons as their rate twins (docs/neurons.md),
  // with this file's smoothing. `netsim train` and `netsim eval --rates` both use it.
  SimulatorOptions with_rate_twins(SimulatorOptions options) const {
    options.rate_twins = true;
    options.lif_smoothing = lif_smoothing;
    options.lif_exact_forward = lif_exact_forward;
    return options;
  }
};

enum class Split { train, validation, test };
std::string to_string(Split split);

struct Datasets {
  std::optional<Dataset> train, validation, test;
  // MNIST only, when asked for: each split's images as read, before any scaling or
  // permutation, (count, rows, cols) of 0..255, for pictures (eval --report).
  std::optional<NdArray> train_images, validation_images, test_images;
  const std::optional<NdArray>& images(Split split) const {
    return split == Split::train ? train_images : split == Split::validation ? validation_images : test_images;
  }
};

// Reads the requested splits (those the settings define). Throws ConfigError located at
// the YAML key that named a missing, truncated or mismatched file. `with_images`: keep
// MNIST's images as read too (Datasets::images).
Datasets load_datasets(const DataSettings& data, const std::vector<Split>& splits, bool with_images = false);

}  // namespace netsim::config
