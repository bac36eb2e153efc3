// A netsim user's program: builds a small recurrent network with the C++ API, trains it
// for a few epochs on a toy task (is the sum of a 10-step sequence positive?), saves the
// weights and reads them back. scripts/package_check.sh builds it against an installed
// netsim and against the source tree, and runs it.
#include <cstdio>
#include <string>

#include <netsim/netsim.h>
#include <netsim/core/random.h>
#include <netsim/training.h>

int main(int argc, char** argv) {
  const std::string params = argc > 1 ? argv[1] : "consumer_params.npz";

  netsim::Network net("consumer");
  auto x = net.input("x", 1);
  auto h = net.node("h", 8, netsim::Activation::tanh);
  auto out = net.node("out", 2);
  net.connect(x, h, {.transform = netsim::init::glorot_uniform()});
  net.connect(h, h, {.transform = netsim::init::orthogonal(), .synapse = netsim::Synapse::delay()});
  net.connect(h, out, {.transform = netsim::init::glorot_uniform()});
  net.probe(out, {.name = "out_p", .keep_history = false});

  netsim::Dataset data;
  const netsim::Index n = 128;
  netsim::Array3 inputs(n, 10, 1);
  netsim::NdArray labels{{n}, {}};
  netsim::Rng rng(7);
  for (netsim::Index i = 0; i < n; ++i) {
    double sum = 0.0;
    for (netsim::Index k = 0; k < 10; ++k) sum += inputs(i, k, 0) = static_cast<float>(rng.uniform(-1.0, 1.0));
    labels.values.push_back(sum > 0.0 ? 1.0f : 0.0f);
  }
  data.inputs.emplace("x", std::move(inputs));
  data.targets.emplace("out_p", std::move(labels));

  netsim::Simulator sim(net, {.dt = 1.0, .minibatch = 16, .seed = 1});
  netsim::Trainer trainer(sim, {.losses = {{.probe = "out_p"}},
                                .update = {.kind = netsim::UpdateRuleKind::adam, .learning_rate = 0.02}});
  const netsim::FitResult fit = trainer.fit(data, nullptr, {.epochs = 8, .seed = 3});
  const netsim::Metrics& first = fit.history.front().train;
  const netsim::Metrics& last = fit.history.back().train;
  std::printf("netsim consumer: loss %.4f -> %.4f, accuracy %.3f -> %.3f over %zu epochs\n", first.loss, last.loss,
              first.accuracy.value_or(0), last.accuracy.value_or(0), fit.history.size());

  netsim::save_params(sim, params);
  netsim::Simulator again(net, {.dt = 1.0, .minibatch = 16, .seed = 99});
  netsim::load_params(again, params);
  const bool same = again.parameter("h->h").value == sim.parameter("h->h").value;
  std::printf("netsim consumer: saved %s and read it back: %s\n", params.c_str(), same ? "same weights" : "DIFFERENT");
  return last.loss < first.loss && same ? 0 : 1;
}
