// netsim train started by mpiexec -np 2 as a user starts it (docs/distributed.md): the
// weights of one process, rank 0 alone printing and writing, resume across rank counts,
// one message naming the rank that failed, other commands refused. Built with MPI only.
#ifdef NETSIM_MPIEXEC
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "apps/netsim_command.h"
#include "netsim/core/atomic_file.h"
#include "netsim/core/npy.h"
#include "netsim/core/npz.h"
#include "netsim/core/random.h"
#include "scratch_dir.h"
#include "toy_network.h"

namespace netsim::test {
namespace {

const std::string kNetwork = toy_network_yaml(8, R"(data:
  train: {inputs: {x: x_train.npy}, targets: {out_p: y_train.npy}}
  validation: {inputs: {x: {file: val.npz, key: x}}, targets: {out_p: {file: val.npz, key: y}}}
train:
  epochs: 3
  minibatch: 20
  shuffle: false
  optimizer: {kind: adam, learning_rate: 0.01}
  loss: {out_p: sparse_categorical_crossentropy}
)");

// 90 sequences: minibatches of 20 (10 + 10 on 2 ranks) and a last one of 10 (all rank 0's).
// `nan_at`: a sequence whose input is NaN (-1: none).
std::string write_task(const ScratchDir& dir, Index nan_at = -1) {
  NdArray x{{90, 10, 1}, {}}, y{{90}, {}};
  Rng rng(1);
  for (Index i = 0; i < 90; ++i) {
    double sum = 0.0;
    for (int k = 0; k < 10; ++k) sum += x.values.emplace_back(static_cast<float>(rng.uniform(-1.0, 1.0)));
    y.values.push_back(sum > 0 ? 1.0f : 0.0f);
  }
  if (nan_at >= 0) x.values[static_cast<std::size_t>(nan_at * 10 + 4)] = std::nanf("");
  write_file_atomically(dir.file("x_train.npy"), format_npy(x));
  write_file_atomically(dir.file("y_train.npy"), format_npy(y));
  NdArray vx{{30, 10, 1}, {}}, vy{{30}, {}};
  for (Index i = 0; i < 30; ++i) {
    double sum = 0.0;
    for (int k = 0; k < 10; ++k) sum += vx.values.emplace_back(static_cast<float>(rng.uniform(-1.0, 1.0)));
    vy.values.push_back(sum > 0 ? 1.0f : 0.0f);
  }
  write_npz(dir.file("val.npz"), {{"x", vx}, {"y", vy}});
  return dir.write("toy.yaml", kNetwork);
}

// max |a - b| / max |a| over the arrays of two parameter files.
double relative_difference(const std::string& a, const std::string& b) {
  const NamedArrays x = read_npz(a), y = read_npz(b);
  REQUIRE(x.size() == y.size());
  double worst = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    REQUIRE(x[i].second.values.size() == y[i].second.values.size());
    double scale = 1e-30, diff = 0.0;
    for (std::size_t j = 0; j < x[i].second.values.size(); ++j) {
      scale = std::max(scale, std::abs(static_cast<double>(x[i].second.values[j])));
      diff = std::max(diff, std::abs(static_cast<double>(x[i].second.values[j]) - y[i].second.values[j]));
    }
    worst = std::max(worst, diff / scale);
  }
  return worst;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("netsim train on 2 ranks (mpiexec): one process's weights, rank 0 alone prints and writes, resume across rank counts") {
  const ScratchDir dir;
  const std::string file = write_task(dir);
  const CommandResult one = run_netsim({"train", file, "--out", dir.file("one")});
  REQUIRE(one.exit_code == 0);
  const CommandResult two = run_netsim_on_ranks(2, {"train", file, "--out", dir.file("two")});
  CAPTURE(two.err);
  REQUIRE(two.exit_code == 0);
  CHECK(count(two.out, "minibatch 20 (5 updates per epoch) on 2 ranks") == 1);
  CHECK(count(two.out, "Epoch 3 - 5/5") == 1);  // rank 1 prints nothing
  CHECK(count(two.out, "trained in") == 1);
  const std::string json = read_file_bytes(dir.file("two") + "/train.json");
  CHECK(json.find("\"ranks\": 2") != std::string::npos);
  CHECK(json.find("\"gradient_allreduce_s_per_update\": ") != std::string::npos);
  // 15 updates, each within 1e-6 of one process (docs/distributed.md: not bit-identical).
  const double difference = relative_difference(dir.file("one") + "/params.npz", dir.file("two") + "/params.npz");
  MESSAGE("relative difference after 15 updates: " << difference);
  CHECK(difference <= 15e-6);

  SUBCASE("a 1-rank checkpoint resumed on 2 ranks") {
    REQUIRE(run_netsim({"train", file, "--out", dir.file("a"), "--epochs", "2"}).exit_code == 0);
    const CommandResult r = run_netsim_on_ranks(2, {"train", file, "--out", dir.file("a"), "--resume", "--quiet"});
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(relative_difference(dir.file("one") + "/params.npz", dir.file("a") + "/params.npz") <= 15e-6);
    const std::string history = read_file_bytes(dir.file("a") + "/history.csv");
    CHECK(count(history, "\n") == 4);
  }
  SUBCASE("a 2-rank checkpoint resumed on 1 rank") {
    REQUIRE(run_netsim_on_ranks(2, {"train", file, "--out", dir.file("b"), "--epochs", "2", "--quiet"}).exit_code == 0);
    const CommandResult r = run_netsim({"train", file, "--out", dir.file("b"), "--resume", "--quiet"});
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(relative_difference(dir.file("one") + "/params.npz", dir.file("b") + "/params.npz") <= 15e-6);
  }
}

TEST_CASE("netsim train on 2 ranks: a failing rank stops every rank with one message naming it, nothing half-written") {
  SUBCASE("a NaN in rank 1's share of the first minibatch") {
    const ScratchDir dir;
    const std::string file = write_task(dir, 14);  // rows 10..19 of minibatch 1 are rank 1's
    const CommandResult r = run_netsim_on_ranks(2, {"train", file, "--out", dir.file("out")});
    CAPTURE(r.err);
    CHECK(r.exit_code == 1);
    CHECK(count(r.err, "error: rank 1 of 2: epoch 1, batch 1/5: the loss is nan; first non-finite value at step 5") == 1);
    CHECK_FALSE(std::filesystem::exists(dir.file("out") + "/params.npz"));
    CHECK_FALSE(std::filesystem::exists(dir.file("out") + "/checkpoint.npz"));
  }
  SUBCASE("too little memory on rank 1's machine") {
    const ScratchDir dir;
    const std::string file = write_task(dir);
    const CommandResult r = run_netsim_on_ranks(2, {"train", file, "--out", dir.file("out")}, "NETSIM_MEMORY_LIMIT=1000");
    CAPTURE(r.err);
    CHECK(r.exit_code == 1);
    CHECK(count(r.err, "error: rank 1 of 2: the simulator's signals would take") == 1);
    CHECK_FALSE(std::filesystem::exists(dir.file("out")));
  }
  SUBCASE("a bad network file: every rank fails, one message without a rank") {
    const ScratchDir dir;
    write_task(dir);
    const std::string file = dir.write("bad.yaml", "netsim: 1\nnodes:\n  x: {inpt: 1}\n");
    const CommandResult r = run_netsim_on_ranks(2, {"train", file});
    CAPTURE(r.err);
    CHECK(r.exit_code == 2);
    CHECK(count(r.err, "nodes.x.inpt: unknown key") == 1);
    CHECK(r.err.find("rank ") == std::string::npos);
  }
  SUBCASE("commands other than train are refused") {
    const ScratchDir dir;
    const std::string file = write_task(dir);
    const CommandResult r = run_netsim_on_ranks(2, {"run", file, "--out", dir.file("run")});
    CHECK(r.exit_code == 2);
    CHECK(count(r.err, "netsim run: only train runs on several ranks (mpirun -np 2); start run as one process") == 1);
    CHECK_FALSE(std::filesystem::exists(dir.file("run")));
  }
}

}  // namespace netsim::test
#endif
