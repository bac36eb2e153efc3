// Data-parallel training on 2 ranks against one process on the same joint minibatches:
// a recurrent network, an MLP with dropout, and an LMU whose memory the builder rewrites
// into a whole-run FFT convolution; uneven shares and a rank left without rows by a
// short last minibatch; rank-identical weights; a failure on one rank stopping both.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <functional>

#include <netsim/netsim.h>
#include <netsim/networks/lmu.h>
#include <netsim/optimizer/data_parallel.h>
#include <netsim/optimizer/trainer.h>

#include "toy_network.h"
#include "world.h"

namespace netsim::test {
namespace {

Communicator& world() { return *world_communicator; }

// Is the sum of the sequence positive? (The toy task of trainer_test.)
Dataset sum_task(Index n, Index steps, Index size, std::uint64_t seed) {
  Dataset d;
  Array3 x(n, steps, size);
  NdArray labels{{n}, {}};
  Rng rng(seed);
  for (Index i = 0; i < n; ++i) {
    double sum = 0.0;
    for (Index k = 0; k < steps; ++k)
      for (Index j = 0; j < size; ++j) sum += (j + 1) * (x(i, k, j) = static_cast<float>(rng.uniform(-1.0, 1.0)));
    labels.values.push_back(sum > 0.0 ? 1.0f : 0.0f);
  }
  d.inputs.emplace("x", std::move(x));
  d.targets.emplace("out_p", std::move(labels));
  return d;
}

Network recurrent() { return toy_rnn(); }  // toy_network.h

Network mlp_with_dropout() {
  Network net("mlp");
  auto x = net.input("x", 6);
  auto h = net.node("h", 16, Activation::relu);
  auto d = net.dropout("d", 16, 0.3);
  auto out = net.node("out", 2);
  net.connect(x, h, {.transform = init::glorot_uniform()});
  net.connect(h, d);
  net.connect(d, out, {.transform = init::glorot_uniform()});
  net.probe(out, {.name = "out_p", .keep_history = false});
  return net;
}

Network small_lmu() {
  Network net("lmu");
  auto x = net.input("x", 1);
  auto lmu = networks::lmu(net, "lmu", {.order = 6, .theta = 12, .units = 5, .input_to_hidden = true});
  auto out = net.node("out", 2);
  net.connect(x, lmu.input);
  net.connect(lmu.hidden, out, {.transform = init::glorot_uniform()});
  net.probe(out, {.name = "out_p", .keep_history = false});
  return net;
}

struct Trained {
  std::vector<Matrix> weights;
  FitResult fit;
  Metrics test;
};

// Trains on one process (communicator null, the whole minibatch) or data-parallel (this
// rank's share of it).
Trained train(const Network& net, Index minibatch, Communicator* ranks, const Dataset& data, const Dataset& validation,
              int epochs) {
  const Index share = ranks ? rank_share(minibatch, ranks->rank(), ranks->size()).count : minibatch;
  Simulator sim(net, {.dt = 1.0, .minibatch = share, .seed = 7});
  Trainer trainer(sim, {.losses = {{.probe = "out_p"}},
                        .update = {.kind = UpdateRuleKind::adam, .learning_rate = 0.01},
                        .communicator = ranks,
                        .global_minibatch = minibatch});
  Trained t;
  t.fit = trainer.fit(data, &validation, {.epochs = epochs, .seed = 5});
  t.test = trainer.evaluate(validation);
  for (const Parameter* p : sim.parameters()) t.weights.push_back(p->value);
  return t;
}

// max |a - b| / max |a| over every weight matrix.
double relative_difference(const std::vector<Matrix>& a, const std::vector<Matrix>& b) {
  double worst = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double scale = std::max(1e-30, static_cast<double>(a[i].cwiseAbs().maxCoeff()));
    worst = std::max(worst, static_cast<double>((a[i] - b[i]).cwiseAbs().maxCoeff()) / scale);
  }
  return worst;
}

// Whether every rank holds rank 0's weights, bit for bit (collective).
bool identical_on_every_rank(const std::vector<Matrix>& weights) {
  bool same = true;
  for (const Matrix& w : weights) {
    std::vector<float> root(w.data(), w.data() + w.size());
    world().broadcast(root, 0);
    same = same && std::memcmp(root.data(), w.data(), root.size() * sizeof(float)) == 0;
  }
  std::vector<double> differ{same ? 0.0 : 1.0};
  world().sum(differ);
  return differ[0] == 0.0;
}

void check_equal_to_one_process(const std::function<Network()>& make, Index minibatch, Index n, Index steps, Index size,
                                int epochs) {
  const Dataset data = sum_task(n, steps, size, 1), validation = sum_task(29, steps, size, 2);
  const Network net = make();
  const Trained one = train(net, minibatch, nullptr, data, validation, epochs);
  const Trained parallel = train(net, minibatch, &world(), data, validation, epochs);
  const long updates = epochs * ((n + minibatch - 1) / minibatch);
  const double difference = relative_difference(one.weights, parallel.weights);
  MESSAGE(net.name() << ": " << updates << " updates, relative weight difference " << difference);
  CHECK(one.weights.size() == parallel.weights.size());
  CHECK(difference <= 1e-6 * static_cast<double>(updates));
  CHECK(identical_on_every_rank(parallel.weights));
  REQUIRE(parallel.fit.history.size() == one.fit.history.size());
  for (std::size_t e = 0; e < one.fit.history.size(); ++e) {
    CHECK(parallel.fit.history[e].train.loss == doctest::Approx(one.fit.history[e].train.loss).epsilon(1e-5));
    CHECK(*parallel.fit.history[e].train.accuracy == doctest::Approx(*one.fit.history[e].train.accuracy).epsilon(1e-5));
    CHECK(parallel.fit.history[e].validation->loss == doctest::Approx(one.fit.history[e].validation->loss).epsilon(1e-5));
  }
  CHECK(parallel.test.sequences == 29);
  CHECK(parallel.test.loss == doctest::Approx(one.test.loss).epsilon(1e-5));
  CHECK(parallel.fit.updates == updates);
}

}  // namespace

TEST_CASE("mpi: a recurrent network trained on 2 ranks has the weights of one process on the joint minibatches") {
  // 90 sequences, minibatch 16: shares 8 + 8, and a last minibatch of 10 (8 + 2).
  check_equal_to_one_process(recurrent, 16, 90, 10, 1, 3);
}

TEST_CASE("mpi: an MLP with dropout on 2 ranks draws one process's masks and ends with its weights") {
  // Minibatch 7: shares 3 + 4; 45 sequences leave a last minibatch of 3, all on rank 0.
  check_equal_to_one_process(mlp_with_dropout, 7, 45, 1, 6, 2);
}

TEST_CASE("mpi: an LMU whose memory is rewritten into a whole-run convolution trains on 2 ranks as on one") {
  check_equal_to_one_process(small_lmu, 12, 60, 16, 1, 2);
}

TEST_CASE("mpi: a failure on one rank stops every rank with that rank's message") {
  std::string message;
  try {
    on_every_rank(&world(), [&] {
      if (world().rank() == 1) throw TrainingError("epoch 2, batch 3/4: the loss is nan");
    });
  } catch (const TrainingError& e) {
    message = e.what();
  }
  CHECK(message == "rank 1 of 2: epoch 2, batch 3/4: the loss is nan");

  // Every rank failing: the message as it is, of the same kind.
  bool validation = false;
  try {
    on_every_rank(&world(), [] { throw ValidationError("net.yaml:3:5: error: nodes.x: expected a map"); });
  } catch (const ValidationError& e) {
    validation = std::string(e.what()) == "net.yaml:3:5: error: nodes.x: expected a map" &&
                 dynamic_cast<const SettledOnEveryRank*>(&e) != nullptr;
  }
  CHECK(validation);

  // In fit(): a NaN in a sequence of rank 1's share of the first minibatch.
  Dataset data = sum_task(32, 10, 1, 3);
  data.inputs.at("x")(12, 4, 0) = std::nanf("");
  std::string fit_message;
  try {
    train(recurrent(), 16, &world(), data, sum_task(8, 10, 1, 4), 1);
  } catch (const TrainingError& e) {
    fit_message = e.what();
  }
  CAPTURE(fit_message);
  CHECK(fit_message.starts_with("rank 1 of 2: epoch 1, batch "));
  CHECK(fit_message.find("the loss is nan") != std::string::npos);
}

TEST_CASE("mpi: broadcast_arrays sends rank 0's checkpoint arrays to every rank") {
  NamedArrays arrays;
  if (world().rank() == 0) arrays = {{"trainer/epoch", NdArray{{}, {3.0f}}}, {"params/a->b", NdArray{{2, 3}, {1, 2, 3, 4, 5, 6}}}};
  broadcast_arrays(world(), arrays, 0);
  REQUIRE(arrays.size() == 2);
  CHECK(arrays[0].first == "trainer/epoch");
  CHECK(arrays[0].second.shape.empty());
  CHECK(arrays[0].second.values == std::vector<float>{3.0f});
  CHECK(arrays[1].first == "params/a->b");
  CHECK(arrays[1].second.shape == std::vector<Index>{2, 3});
  CHECK(arrays[1].second.values == std::vector<float>{1, 2, 3, 4, 5, 6});
}

}  // namespace netsim::test
