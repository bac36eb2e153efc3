// The trainer end to end on a toy task it makes itself: the loss falls, the same seed gives
// the same weights, and a resumed run equals an uninterrupted one bit for bit.

#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include <netsim/netsim.h>
#include <netsim/optimizer/checkpoint.h>
#include <netsim/optimizer/trainer.h>

#include "scratch_dir.h"
#include "toy_network.h"

namespace netsim::test {
namespace {

// Is the sum of a 10-step sequence positive? A small tanh RNN (toy_rnn, toy_network.h)
// reads it step by step.

Dataset toy_data(Index n, std::uint64_t seed) {
  Dataset d;
  Array3 x(n, 10, 1);
  NdArray labels{{n}, {}};
  Rng rng(seed);
  for (Index i = 0; i < n; ++i) {
    double sum = 0.0;
    for (Index k = 0; k < 10; ++k) sum += x(i, k, 0) = static_cast<float>(rng.uniform(-1.0, 1.0));
    labels.values.push_back(sum > 0.0 ? 1.0f : 0.0f);
  }
  d.inputs.emplace("x", std::move(x));
  d.targets.emplace("out_p", std::move(labels));
  return d;
}

TrainerOptions adam(double lr = 0.01) {
  return {.losses = {{.probe = "out_p"}}, .update = {.kind = UpdateRuleKind::adam, .learning_rate = lr}};
}

std::vector<Matrix> weights(const Simulator& sim) {
  std::vector<Matrix> w;
  for (const Parameter* p : sim.parameters()) w.push_back(p->value);
  return w;
}

bool same_bits(const std::vector<Matrix>& a, const std::vector<Matrix>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].size() != b[i].size() ||
        std::memcmp(a[i].data(), b[i].data(), sizeof(float) * static_cast<std::size_t>(a[i].size())) != 0)
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("trainer: the toy task's loss falls and accuracy rises") {
  Simulator sim(toy_rnn(), {.dt = 1.0, .minibatch = 16, .seed = 1});
  Trainer trainer(sim, adam());
  const Dataset train = toy_data(256, 1), validation = toy_data(96, 2);
  const Metrics before = trainer.evaluate(validation);
  const FitResult fit = trainer.fit(train, &validation, {.epochs = 6, .seed = 3});
  REQUIRE(fit.history.size() == 6);
  CHECK(fit.history.back().train.loss < 0.7 * fit.history.front().train.loss);
  CHECK(fit.history.back().validation->loss < 0.6 * before.loss);
  CHECK(*fit.history.back().validation->accuracy > 0.85);
  CHECK(trainer.monitor() == "val_accuracy");
  CHECK(fit.recorded_bytes > 0);
}

TEST_CASE("trainer: the same seed gives the same final weights twice") {
  auto train_once = [](std::uint64_t seed) {
    Simulator sim(toy_rnn(), {.dt = 1.0, .minibatch = 16, .seed = 1});
    Trainer trainer(sim, adam());
    trainer.fit(toy_data(100, 1), nullptr, {.epochs = 2, .seed = seed});
    return weights(sim);
  };
  const auto a = train_once(5), b = train_once(5), c = train_once(6);
  CHECK(same_bits(a, b));
  CHECK(!same_bits(a, c));  // the shuffle seed matters
}

TEST_CASE("trainer: 2 epochs, stop, resume for 2 more equals 4 epochs straight") {
  ScratchDir dir;
  const Dataset train = toy_data(100, 1), validation = toy_data(40, 2);
  for (UpdateRuleKind kind : {UpdateRuleKind::adam, UpdateRuleKind::momentum, UpdateRuleKind::rmsprop}) {
    CAPTURE(to_string(kind));
    TrainerOptions options = {.losses = {{.probe = "out_p"}}, .update = {.kind = kind, .learning_rate = 0.01},
                              .schedule = {.kind = LearningRateSchedule::Kind::step, .every_epochs = 3, .factor = 0.5}};
    const std::string straight = dir.file("straight_" + to_string(kind)), resumed = dir.file("resumed_" + to_string(kind));
    Simulator a(toy_rnn(), {.dt = 1.0, .minibatch = 16, .seed = 1});
    const FitResult full = Trainer(a, options).fit(train, &validation, {.epochs = 4, .seed = 9, .out_dir = straight});

    {
      Simulator b(toy_rnn(), {.dt = 1.0, .minibatch = 16, .seed = 1});
      Trainer(b, options).fit(train, &validation, {.epochs = 2, .seed = 9, .out_dir = resumed});
    }
    Simulator c(toy_rnn(), {.dt = 1.0, .minibatch = 16, .seed = 1});
    const FitResult rest = Trainer(c, options).fit(train, &validation, {.epochs = 4, .seed = 9, .out_dir = resumed, .resume = true});
    CHECK(rest.resumed_from == 2);
    REQUIRE(rest.history.size() == 4);
    CHECK(same_bits(weights(a), weights(c)));
    CHECK(rest.history[3].train.loss == doctest::Approx(full.history[3].train.loss).epsilon(1e-12));
    CHECK(rest.best_epoch == full.best_epoch);
    // The files of both runs: the same final parameters, a four-line history.
    CHECK(read_npz(straight + "/params.npz").size() == read_npz(resumed + "/params.npz").size());
    std::ifstream csv(resumed + "/history.csv");
    int lines = 0;
    for (std::string line; std::getline(csv, line);) ++lines;
    CHECK(lines == 5);
  }
}

TEST_CASE("trainer: early stopping stops after `patience` epochs without improvement") {
  Simulator sim(toy_rnn(), {.dt = 1.0, .minibatch = 16, .seed = 1});
  // A learning rate of ~0 makes no progress: the first epoch is the best, two more follow.
  Trainer trainer(sim, adam(1e-12));
  const FitResult fit = trainer.fit(toy_data(64, 1), nullptr, {.epochs = 20, .monitor = "loss", .patience = 2});
  CHECK(fit.stopped_early);
  CHECK(fit.history.size() <= 4);
  CHECK(fit.best_epoch <= 2);
}

TEST_CASE("trainer: a non-finite value stops training naming the step and operator") {
  auto poisoned = [](const std::string& connection) {
    auto sim = std::make_unique<Simulator>(toy_rnn(), SimulatorOptions{.dt = 1.0, .minibatch = 16, .seed = 1});
    Matrix w = sim->parameter(connection).value;
    w(0, 0) = std::numeric_limits<float>::infinity();
    sim->set_parameter(connection, w);
    return sim;
  };
  // inf in the readout: the logits and the loss are not finite; the forward pass is
  // re-run to find the first operator that wrote a non-finite value.
  auto readout = poisoned("h->out");
  CHECK_THROWS_WITH_AS(Trainer(*readout, adam()).fit(toy_data(32, 1), nullptr, {.epochs = 1}),
                       doctest::Contains("epoch 1, batch 1/2: the loss is"), TrainingError);
  CHECK_THROWS_WITH_AS(Trainer(*readout, adam()).fit(toy_data(32, 1), nullptr, {.epochs = 1}),
                       doctest::Contains("first non-finite value at step 1: DotInc of connection 'h->out' wrote"), TrainingError);
  // inf in the input weights: tanh keeps the forward pass finite, the update does not.
  auto input = poisoned("x->h");
  CHECK_THROWS_WITH_AS(Trainer(*input, adam()).fit(toy_data(32, 1), nullptr, {.epochs = 1}),
                       doctest::Contains("the update made the weights of connection 'x->h' non-finite"), TrainingError);
}

TEST_CASE("trainer: data that does not fit the network is refused with the reason") {
  Simulator sim(toy_rnn(), {.dt = 1.0, .minibatch = 4});
  Trainer trainer(sim, adam());
  Dataset d = toy_data(8, 1);
  d.targets["out_p"].values[3] = 2.0f;
  CHECK_THROWS_WITH_AS(trainer.fit(d, nullptr, {}), "training data: targets of probe 'out_p': label 3: expected an integer in 0..1 (or -1 to skip), got 2.000000", ValidationError);
  Dataset wrong = toy_data(8, 1);
  wrong.inputs.emplace("y", Array3(8, 10, 1));
  CHECK_THROWS_WITH_AS(trainer.fit(wrong, nullptr, {}), "training data: 'y': no such input node", ValidationError);
  CHECK_THROWS_WITH_AS(Trainer(sim, {.losses = {{.probe = "nope"}}}), doctest::Contains("loss on probe 'nope': no such probe (probes: out_p)"), ValidationError);
  CHECK_THROWS_WITH_AS(trainer.fit(toy_data(8, 1), nullptr, {.out_dir = "", .resume = true}), doctest::Contains("resume"), ValidationError);
}

TEST_CASE("trainer: predict returns every sequence's probe data, padding dropped") {
  Simulator sim(toy_rnn(), {.dt = 1.0, .minibatch = 16, .seed = 1});
  Trainer trainer(sim, adam());
  const Dataset d = toy_data(20, 4);  // 16 + 4 (12 rows of padding)
  const auto out = trainer.predict(d);
  const Array3& p = out.at("out_p");
  CHECK(p.shape() == std::array<Index, 3>{20, 1, 2});
  // Row 17 alone, through a plain run, gives the same numbers.
  Simulator one(toy_rnn(), {.dt = 1.0, .minibatch = 1, .seed = 1});
  Array3 x(1, 10, 1);
  for (Index k = 0; k < 10; ++k) x(0, k, 0) = d.inputs.at("x")(17, k, 0);
  one.set_input("x", x);
  one.run_steps(10);
  const Array3 single = one.probe_data("out_p");
  CHECK(p(17, 0, 0) == doctest::Approx(single(0, 0, 0)).epsilon(1e-5));
  CHECK(p(17, 0, 1) == doctest::Approx(single(0, 0, 1)).epsilon(1e-5));
}

}  // namespace netsim::test
