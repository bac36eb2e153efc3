// netsim train and netsim eval as a user meets them, on a toy task whose data the test
// writes itself: files written, --json, --resume equal to an uninterrupted run, refusals.
#include <doctest/doctest.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "apps/netsim_command.h"
#include "netsim/core/atomic_file.h"
#include "netsim/core/npy.h"
#include "netsim/core/npz.h"
#include "netsim/core/random.h"
#include "netsim/optimizer/idx_file.h"
#include "scratch_dir.h"
#include "toy_network.h"

namespace netsim::test {
namespace {

// Is the sum of a 10-step sequence positive? (As in trainer_test, through the CLI.)
const std::string kNetwork = toy_network_yaml(8, R"(data:
  train: {inputs: {x: x_train.npy}, targets: {out_p: y_train.npy}}
  validation: {inputs: {x: {file: val.npz, key: x}}, targets: {out_p: {file: val.npz, key: y}}}
train:
  epochs: 3
  minibatch: 16
  optimizer: {kind: adam, learning_rate: 0.01}
  loss: {out_p: sparse_categorical_crossentropy}
)");

std::pair<NdArray, NdArray> toy_arrays(Index n, std::uint64_t seed) {
  NdArray x{{n, 10, 1}, {}}, y{{n}, {}};
  Rng rng(seed);
  for (Index i = 0; i < n; ++i) {
    double sum = 0.0;
    for (int k = 0; k < 10; ++k) {
      x.values.push_back(static_cast<float>(rng.uniform(-1.0, 1.0)));
      sum += x.values.back();
    }
    y.values.push_back(sum > 0 ? 1.0f : 0.0f);
  }
  return {x, y};
}

std::string write_toy(const ScratchDir& dir, const std::string& yaml = kNetwork) {
  const auto [x, y] = toy_arrays(96, 1);
  write_file_atomically(dir.file("x_train.npy"), format_npy(x));
  write_file_atomically(dir.file("y_train.npy"), format_npy(y));
  const auto [vx, vy] = toy_arrays(40, 2);
  write_npz(dir.file("val.npz"), {{"x", vx}, {"y", vy}});
  return dir.write("toy.yaml", yaml);
}

int line_count(const std::string& path) {
  std::ifstream in(path);
  int n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

bool same_arrays(const std::string& a, const std::string& b) {
  const NamedArrays x = read_npz(a), y = read_npz(b);
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i].first != y[i].first || x[i].second.shape != y[i].second.shape ||
        std::memcmp(x[i].second.values.data(), y[i].second.values.data(), x[i].second.values.size() * sizeof(float)) != 0)
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("netsim train: writes history, checkpoint, best and final weights, --json prints the metrics") {
  const ScratchDir dir;
  const std::string file = write_toy(dir);
  const std::string out = dir.file("run");
  const CommandResult r = run_netsim({"train", file, "--out", out, "--json"});
  CAPTURE(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\"epochs\": 3") != std::string::npos);
  CHECK(r.out.find("\"val_accuracy\": ") != std::string::npos);
  CHECK(r.out.find("\"peak_memory_bytes\": ") != std::string::npos);
  CHECK(r.out.front() == '{');
  CHECK(r.err.find("Epoch 3 - 6/6") != std::string::npos);  // epoch lines go to stderr with --json
  CHECK(line_count(out + "/history.csv") == 4);
  for (const char* f : {"checkpoint.npz", "best.npz", "params.npz", "train.json"}) CHECK(std::filesystem::exists(out + "/" + f));
  CHECK(read_npz(out + "/params.npz").size() == 3);

  SUBCASE("run --split runs every sequence of a split, the same whatever the minibatch") {
    const std::string a = dir.file("split_a"), b = dir.file("split_b");
    const CommandResult ra = run_netsim({"run", file, "--params", out + "/params.npz", "--split", "validation", "--minibatch", "7",
                                         "--out", a, "--quiet"});
    CAPTURE(ra.err);
    REQUIRE(ra.exit_code == 0);
    CHECK(ra.out.find("ran the validation split (40 sequences") != std::string::npos);
    REQUIRE(run_netsim({"run", file, "--params", out + "/params.npz", "--split", "validation", "--minibatch", "40", "--out", b,
                        "--quiet"}).exit_code == 0);
    const NamedArrays probes = read_npz(a + "/probes.npz");
    REQUIRE(!probes.empty());
    CHECK(probes.front().second.shape.front() == 40);  // every sequence, in order (7 does not divide 40)
    // (Equal to float rounding: products of 7 and of 40 rows may sum in other orders.)
    const NamedArrays whole = read_npz(b + "/probes.npz");
    REQUIRE(whole.size() == probes.size());
    for (std::size_t p = 0; p < probes.size(); ++p) {
      REQUIRE(whole[p].second.shape == probes[p].second.shape);
      for (std::size_t i = 0; i < whole[p].second.values.size(); ++i)
        CHECK(probes[p].second.values[i] == doctest::Approx(whole[p].second.values[i]).epsilon(1e-5).scale(1.0));
    }
    CHECK(run_netsim({"run", file, "--split", "test", "--out", dir.file("split_c")}).err.find("has no test split") != std::string::npos);
    CHECK(run_netsim({"run", file, "--split", "valid", "--out", dir.file("split_d")}).exit_code == 2);
  }

  SUBCASE("eval reads the weights back and scores them on a split") {
    const CommandResult e = run_netsim({"eval", file, "--params", out + "/params.npz", "--split", "validation", "--json"});
    CAPTURE(e.err);
    REQUIRE(e.exit_code == 0);
    CHECK(e.out.find("\"split\": \"validation\"") != std::string::npos);
    CHECK(e.out.find("\"sequences\": 40") != std::string::npos);
    const CommandResult plain = run_netsim({"eval", file, "--params", out + "/params.npz"});
    CHECK(plain.exit_code == 0);
    CHECK(plain.out.find("validation: loss: ") != std::string::npos);  // no test split: validation
    CHECK(run_netsim({"eval", file}).exit_code == 2);                     // --params is required
    CHECK(run_netsim({"eval", file, "--params", out + "/params.npz", "--split", "test"}).err.find("expected a test split") != std::string::npos);
  }
  SUBCASE("eval --report: the report, confusion matrix and images agree with the predictions") {
    const std::string report = dir.file("report");
    const CommandResult e = run_netsim({"eval", file, "--params", out + "/params.npz", "--report", report, "--json"});
    CAPTURE(e.err);
    REQUIRE(e.exit_code == 0);
    for (const char* png : {"confusion_matrix.png", "misclassified.png", "learning_curve.png"}) {
      std::ifstream in(report + "/" + png, std::ios::binary);
      char magic[4] = {};
      in.read(magic, 4);
      CHECK(std::string(magic + 1, 3) == "PNG");
    }
    CHECK(line_count(report + "/history.csv") == 4);  // found beside params.npz
    // predictions.csv: one line per validation sequence; count what it says is wrong.
    std::ifstream preds(report + "/predictions.csv");
    std::string line;
    std::getline(preds, line);
    CHECK(line == "index,sample,label,predicted,score_0,score_1");
    long rows = 0, wrong = 0, confusion[2][2] = {};
    for (int index, sample, label, predicted; std::getline(preds, line); ++rows) {
      double score0 = -1.0, score1 = -1.0;
      REQUIRE(std::sscanf(line.c_str(), "%d,%d,%d,%d,%lf,%lf", &index, &sample, &label, &predicted, &score0, &score1) == 6);
      CHECK(index == rows);
      // Softmax probabilities (the loss reads logits): they sum to 1, the larger predicted.
      CHECK(score0 + score1 == doctest::Approx(1.0).epsilon(1e-5));
      CHECK((score1 > score0) == (predicted == 1));
      wrong += label != predicted;
      ++confusion[label][predicted];
    }
    CHECK(rows == 40);
    std::ifstream csv(report + "/confusion_matrix.csv");
    std::getline(csv, line);
    CHECK(line == "predicted_0,predicted_1");
    for (auto& row : confusion) {
      long a = -1, b = -1;
      std::getline(csv, line);
      REQUIRE(std::sscanf(line.c_str(), "%ld,%ld", &a, &b) == 2);
      CHECK(a == row[0]);
      CHECK(b == row[1]);
    }
    // The accuracy eval prints is the report's.
    const double accuracy = 1.0 - static_cast<double>(wrong) / 40.0;
    const auto at = e.out.find("\"accuracy\": ");
    REQUIRE(at != std::string::npos);
    CHECK(std::stod(e.out.substr(at + 12)) == doctest::Approx(accuracy).epsilon(1e-6));
    std::ifstream text_file(report + "/classification_report.txt");
    std::string text;
    for (std::string l; std::getline(text_file, l);) text += l + "\n";
    char accuracy_line[64];
    std::snprintf(accuracy_line, sizeof accuracy_line, "accuracy                           %.2f        40", accuracy);
    CHECK(text.find(accuracy_line) != std::string::npos);
    const NamedArrays shown = read_npz(report + "/misclassified.npz");
    REQUIRE(shown.size() == 4);
    CHECK(shown[3].first == "images");
    CHECK(shown[3].second.shape == std::vector<Index>{std::min<Index>(wrong, 36), 10, 1});  // 10 steps x 1: not square

    // An existing report is kept unless told; without matplotlib nothing is written.
    const CommandResult again = run_netsim({"eval", file, "--params", out + "/params.npz", "--report", report});
    CHECK(again.exit_code == 2);
    CHECK(again.err.find("the folder exists; pass --overwrite") != std::string::npos);
    CHECK(run_netsim({"eval", file, "--params", out + "/params.npz", "--report", report, "--overwrite", "--quiet"}).exit_code == 0);
    setenv("NETSIM_PYTHON", "/nonexistent/python3", 1);
    const CommandResult no_plot = run_netsim({"eval", file, "--params", out + "/params.npz", "--report", dir.file("r2")});
    unsetenv("NETSIM_PYTHON");
    CHECK(no_plot.exit_code == 2);
    CHECK(no_plot.err.find("apt-get install python3-matplotlib (nothing was written)") != std::string::npos);
    CHECK(!std::filesystem::exists(dir.file("r2")));
    CHECK(!std::filesystem::exists(dir.file("r2.partial")));
  }
  SUBCASE("a second training into the same folder is refused unless told") {
    const CommandResult again = run_netsim({"train", file, "--out", out});
    CHECK(again.exit_code == 2);
    CHECK(again.err.find("holds an earlier training (checkpoint.npz)") != std::string::npos);
    CHECK(run_netsim({"train", file, "--out", out, "--overwrite", "--quiet"}).exit_code == 0);
  }
}

TEST_CASE("netsim train --resume: 2 epochs, then 2 more, equals 4 straight") {
  const ScratchDir dir;
  const std::string file = write_toy(dir);
  REQUIRE(run_netsim({"train", file, "--out", dir.file("straight"), "--epochs", "4", "--quiet"}).exit_code == 0);
  REQUIRE(run_netsim({"train", file, "--out", dir.file("resumed"), "--epochs", "2", "--quiet"}).exit_code == 0);
  CHECK(line_count(dir.file("resumed/history.csv")) == 3);
  const CommandResult r = run_netsim({"train", file, "--out", dir.file("resumed"), "--epochs", "4", "--resume"});
  CAPTURE(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Epoch 3 - ") != std::string::npos);
  CHECK(r.out.find("Epoch 1 - ") == std::string::npos);
  CHECK(line_count(dir.file("resumed/history.csv")) == 5);
  CHECK(same_arrays(dir.file("straight/params.npz"), dir.file("resumed/params.npz")));
  CHECK(same_arrays(dir.file("straight/checkpoint.npz"), dir.file("resumed/checkpoint.npz")) == false);  // seconds differ
  const CommandResult none = run_netsim({"train", file, "--out", dir.file("fresh"), "--resume"});
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("no checkpoint to resume from") != std::string::npos);
}

namespace {

// A run killed at a hook point (NETSIM_KILL_BEFORE_COMMIT, netsim/core/atomic_file.h):
// the process SIGKILLs itself just before renaming that file's complete temporary into
// place, the worst moment for a kill.
CommandResult train_killed_at(const std::string& point, const std::vector<std::string>& args) {
  setenv("NETSIM_KILL_BEFORE_COMMIT", point.c_str(), 1);
  CommandResult r = run_netsim(args);
  unsetenv("NETSIM_KILL_BEFORE_COMMIT");
  return r;
}

// Every file in `folder`: temporaries counted, .npz files read whole, .csv files read.
int check_folder_and_count_temporaries(const std::string& folder) {
  int temporaries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    long pid = 0;
    if (is_atomic_temporary(name, &pid)) {
      ++temporaries;
    } else if (entry.path().extension() == ".npz") {
      CHECK_NOTHROW(read_npz(entry.path().string()));
    } else if (entry.path().extension() == ".csv") {
      CHECK(line_count(entry.path().string()) >= 2);  // header + at least one epoch
    }
  }
  return temporaries;
}

}  // namespace

TEST_CASE("netsim train killed with SIGKILL at each write: --resume ends bit-identical, every file readable, no stale temporaries") {
  const ScratchDir dir;
  const std::string file = write_toy(dir);
  REQUIRE(run_netsim({"train", file, "--out", dir.file("straight"), "--epochs", "4", "--quiet"}).exit_code == 0);
  // Each epoch writes best.npz (when it improves), history.csv, then checkpoint.npz; the
  // first three points fall before any checkpoint exists, the others while the third
  // checkpoint or the final weights are being written.
  for (const std::string point : {"best.npz:1", "history.csv:1", "checkpoint.npz:1", "checkpoint.npz:3", "params.npz:1"}) {
    CAPTURE(point);
    const std::string out = dir.file("killed_" + point);
    const CommandResult killed = train_killed_at(point, {"train", file, "--out", out, "--epochs", "4", "--quiet"});
    CAPTURE(killed.err);
    REQUIRE((killed.exit_code == 128 + SIGKILL || killed.exit_code == -1));  // the shell's or our own report of the kill
    CHECK(check_folder_and_count_temporaries(out) == 1);  // the killed write's complete temporary

    const bool has_checkpoint = std::filesystem::exists(out + "/checkpoint.npz");
    CHECK(has_checkpoint == (point == "checkpoint.npz:3" || point == "params.npz:1"));
    if (!has_checkpoint) {
      const CommandResult no = run_netsim({"train", file, "--out", out, "--epochs", "4", "--resume"});
      CHECK(no.exit_code == 2);
      CHECK(no.err.find("no checkpoint to resume from") != std::string::npos);
    }
    const CommandResult again = run_netsim(has_checkpoint ? std::vector<std::string>{"train", file, "--out", out, "--epochs", "4", "--resume", "--quiet"}
                                                          : std::vector<std::string>{"train", file, "--out", out, "--epochs", "4", "--quiet"});
    CAPTURE(again.err);
    REQUIRE(again.exit_code == 0);
    CHECK(check_folder_and_count_temporaries(out) == 0);
    CHECK(same_arrays(out + "/params.npz", dir.file("straight/params.npz")));
    CHECK(same_arrays(out + "/best.npz", dir.file("straight/best.npz")));
    CHECK(line_count(out + "/history.csv") == 5);
  }
}

TEST_CASE("netsim train: MNIST from IDX files with the seeds' transforms") {
  const ScratchDir dir;
  std::filesystem::create_directories(dir.path() / "mnist");
  Rng rng(5);
  auto images = [&](Index n) {
    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(n * 784));
    for (auto& p : pixels) p = static_cast<std::uint8_t>(rng.below(256));
    return pixels;
  };
  auto labels = [&](Index n) {
    std::vector<std::uint8_t> l(static_cast<std::size_t>(n));
    for (auto& v : l) v = static_cast<std::uint8_t>(rng.below(10));
    return l;
  };
  write_idx_ubyte(dir.file("mnist/train-images-idx3-ubyte"), {30, 28, 28}, images(30));
  write_idx_ubyte(dir.file("mnist/train-labels-idx1-ubyte"), {30}, labels(30));
  write_idx_ubyte(dir.file("mnist/t10k-images-idx3-ubyte"), {12, 28, 28}, images(12));
  write_idx_ubyte(dir.file("mnist/t10k-labels-idx1-ubyte"), {12}, labels(12));
  const std::string file = dir.write("mnist.yaml", R"(netsim: 1
nodes:
  px: {input: 112}
  out: {size: 10}
connections:
  - {from: px, to: out, transform: {init: zeros}}
probes:
  logits: {target: out, keep_history: false}
data:
  mnist: {folder: mnist, input: px, labels: logits, pixels_per_step: 112, scaling: standardize, train: 20, validation: 10}
train: {epochs: 1, minibatch: 8, optimizer: sgd, loss: {logits: sparse_categorical_crossentropy}}
)");
  const CommandResult r = run_netsim({"train", file, "--out", dir.file("out"), "--json"});
  CAPTURE(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("20 sequences of 7 steps, minibatch 8 (3 updates per epoch), validating on 10") != std::string::npos);
  CHECK(r.out.find("\"test_accuracy\": ") != std::string::npos);
  // A truncated label file is named, at the YAML key that led to it.
  write_idx_ubyte(dir.file("mnist/t10k-labels-idx1-ubyte"), {11}, labels(11));
  const CommandResult bad = run_netsim({"eval", file, "--params", dir.file("out/params.npz")});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("mnist.yaml:10:19: error: data.mnist.folder: ") != std::string::npos);
  CHECK(bad.err.find("t10k-labels-idx1-ubyte") != std::string::npos);
}

TEST_CASE("netsim eval --report: MNIST's misclassified digits are shown as read: un-permuted and unscaled") {
  const ScratchDir dir;
  std::filesystem::create_directories(dir.path() / "mnist");
  Rng rng(6);
  std::vector<std::uint8_t> train(20 * 784), test(8 * 784), train_labels(20, 1), test_labels(8);
  for (auto& p : train) p = static_cast<std::uint8_t>(rng.below(256));
  for (auto& p : test) p = static_cast<std::uint8_t>(rng.below(256));
  for (std::size_t i = 0; i < test_labels.size(); ++i) test_labels[i] = static_cast<std::uint8_t>(i % 3);  // 0, 1, 2, 0, ...
  write_idx_ubyte(dir.file("mnist/train-images-idx3-ubyte"), {20, 28, 28}, train);
  write_idx_ubyte(dir.file("mnist/train-labels-idx1-ubyte"), {20}, train_labels);
  write_idx_ubyte(dir.file("mnist/t10k-images-idx3-ubyte"), {8, 28, 28}, test);
  write_idx_ubyte(dir.file("mnist/t10k-labels-idx1-ubyte"), {8}, test_labels);
  // Zero weights: every logit is 0, so every image is predicted as class 0 and those of
  // classes 1 and 2 are the misclassified ones. The grid shows the digits as read, whatever
  // the scaling (center_per_pixel subtracts the mean image: a grey halo in the inputs).
  write_npz(dir.file("zero.npz"), {{"px->out", NdArray{{3, 16}, std::vector<float>(48)}}});
  for (const std::string scaling : {"none", "center_per_pixel"}) {
    CAPTURE(scaling);
    const std::string file = dir.write("ps_" + scaling + ".yaml", R"(netsim: 1
nodes:
  px: {input: 16}
  out: {size: 3}
connections:
  - {from: px, to: out, transform: {init: zeros}}
probes:
  logits: {target: out, keep_history: false}
data:
  mnist: {folder: mnist, input: px, labels: logits, pixels_per_step: 16, scaling: )" + scaling + R"(, permutation_seed: 3}
train: {epochs: 1, minibatch: 4, optimizer: sgd, loss: {logits: sparse_categorical_crossentropy}}
)");
    const std::string report = dir.file("report_" + scaling);
    const CommandResult e = run_netsim({"eval", file, "--params", dir.file("zero.npz"), "--report", report, "--quiet"});
    CAPTURE(e.err);
    REQUIRE(e.exit_code == 0);
    const NdArray index = read_npz_array(report + "/misclassified.npz", "index");
    const NdArray images = read_npz_array(report + "/misclassified.npz", "images");
    CHECK(index.values == std::vector<float>{1, 2, 4, 5, 7});
    REQUIRE(images.shape == std::vector<Index>{5, 28, 28});
    int wrong_pixels = 0;
    for (std::size_t k = 0; k < index.values.size(); ++k) {
      const auto image = static_cast<std::size_t>(index.values[k]);
      for (std::size_t i = 0; i < 784; ++i) wrong_pixels += images.values[k * 784 + i] != static_cast<float>(test[image * 784 + i]);
    }
    CHECK(wrong_pixels == 0);
    CHECK(!std::filesystem::exists(report + "/learning_curve.png"));  // no history beside zero.npz
  }
}

TEST_CASE("netsim train: a file without data: or train: says what is missing") {
  const ScratchDir dir;
  const std::string file = dir.write("plain.yaml", "netsim: 1\nnodes:\n  x: {input: 1}\n");
  const CommandResult r = run_netsim({"train", file});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("expected a data: section") != std::string::npos);
  CHECK(!std::filesystem::exists("plain.train"));
}

}  // namespace netsim::test

namespace netsim::test {

TEST_CASE("netsim eval --report on a regression: MSE, MAE and R^2 that predictions.csv reproduces, and its pictures") {
  // The toy network's two outputs learn (sum / 10, -sum / 10) of the sequence.
  const ScratchDir dir;
  auto arrays = [](Index n, std::uint64_t seed) {
    NdArray x{{n, 10, 1}, {}}, t{{n, 2}, {}};
    Rng rng(seed);
    for (Index i = 0; i < n; ++i) {
      double sum = 0.0;
      for (int k = 0; k < 10; ++k) {
        x.values.push_back(static_cast<float>(rng.uniform(-1.0, 1.0)));
        sum += x.values.back();
      }
      t.values.push_back(static_cast<float>(sum / 10));
      t.values.push_back(static_cast<float>(-sum / 10));
    }
    return std::pair{x, t};
  };
  const auto [x, t] = arrays(64, 1);
  const auto [vx, vt] = arrays(30, 2);
  write_file_atomically(dir.file("x.npy"), format_npy(x));
  write_file_atomically(dir.file("t.npy"), format_npy(t));
  write_npz(dir.file("val.npz"), {{"x", vx}, {"t", vt}});
  const std::string file = dir.write("reg.yaml", toy_network_yaml(8, R"(data:
  train: {inputs: {x: x.npy}, targets: {out_p: t.npy}}
  validation: {inputs: {x: {file: val.npz, key: x}}, targets: {out_p: {file: val.npz, key: t}}}
train:
  epochs: 2
  minibatch: 16
  optimizer: {kind: adam, learning_rate: 0.01}
  loss: {out_p: mean_squared_error}
)"));
  const std::string out = dir.file("run");
  REQUIRE(run_netsim({"train", file, "--out", out, "--quiet"}).exit_code == 0);
  const std::string report = dir.file("report");
  const CommandResult e = run_netsim({"eval", file, "--params", out + "/params.npz", "--report", report, "--json"});
  CAPTURE(e.err);
  REQUIRE(e.exit_code == 0);
  for (const char* png : {"predicted_vs_target.png", "residuals.png", "learning_curve.png"}) {
    std::ifstream in(report + "/" + png, std::ios::binary);
    char magic[4] = {};
    in.read(magic, 4);
    CHECK(std::string(magic + 1, 3) == "PNG");
  }
  std::ifstream preds(report + "/predictions.csv");
  std::string line;
  std::getline(preds, line);
  CHECK(line == "index,sample,target_0,target_1,predicted_0,predicted_1");
  double se = 0.0;
  long rows = 0;
  for (int index, sample; std::getline(preds, line); ++rows) {
    double t0, t1, p0, p1;
    REQUIRE(std::sscanf(line.c_str(), "%d,%d,%lf,%lf,%lf,%lf", &index, &sample, &t0, &t1, &p0, &p1) == 6);
    se += (p0 - t0) * (p0 - t0) + (p1 - t1) * (p1 - t1);
  }
  CHECK(rows == 30);
  // The loss eval prints is the report's MSE (Keras's: the mean over outputs and sequences).
  const double mse = se / (2.0 * static_cast<double>(rows));
  const auto at = e.out.find("\"loss\": ");
  REQUIRE(at != std::string::npos);
  CHECK(std::stod(e.out.substr(at + 8)) == doctest::Approx(mse).epsilon(1e-4));
  std::ifstream text(report + "/regression_report.txt");
  const std::string all((std::istreambuf_iterator<char>(text)), std::istreambuf_iterator<char>());
  CHECK(all.find("mse") != std::string::npos);
  CHECK(all.find("\nall ") != std::string::npos);
}

}  // namespace netsim::test
