// The seed LMU (KerasLMU psMNIST: order 256, theta 784, 212 tanh units, input_to_hidden,
// Dense(10), Adam, minibatch 100) on synthetic data: seconds per training batch
// (forward + backward + update, through the same Trainer as `netsim train`), the
// per-epoch estimate (500 batches), inference sequences per second and peak RSS; then
// the sequential part alone (the same tanh recurrence without the memory) and the
// GFLOP/s its GEMMs reach (h W^T forward; g W and g^T h backward: 3 x 2 x 100 x 212^2
// per step).
//
//   build/bench/lmu_bench [--batches N] [--rewrites on|off] [--without REWRITE]... [--threads T]
//                         [--minibatch B] [--rows-per-task R] [--json]
//
// --without switches one rewrite off by its name (rewrites.h: lti_convolution,
// blocked_weight_gradients, ...), to time what it brings.
//
// --minibatch (default 100, the seed's) times one rank's share of a data-parallel update
// (docs/distributed.md).
//
// Speed does not depend on the pixel values, so none of MNIST is needed.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <netsim/netsim.h>
#include <netsim/networks/lmu.h>
#include <netsim/training.h>

namespace {

using namespace netsim;

double peak_rss_mib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0.0;
}

Dataset synthetic(Index n, std::uint64_t seed) {
  Rng rng(seed);
  Array3 pixels(n, 784, 1);
  for (Index i = 0; i < pixels.size(); ++i) pixels.data()[i] = static_cast<float>(rng.uniform(0.0, 1.0));
  std::vector<double> labels(static_cast<std::size_t>(n));
  for (double& label : labels) label = static_cast<double>(static_cast<int>(rng.uniform(0.0, 10.0)));
  Dataset d;
  d.inputs["inp"] = std::move(pixels);
  d.targets["out_p"] = NdArray::vector(labels);
  return d;
}

// Median seconds per training batch (the first batch is a warm-up) of `net`.
double seconds_per_batch(const Network& net, const SimulatorOptions& options, int batches) {
  Simulator sim(net, options);
  Trainer trainer(sim, {.losses = {{.probe = "out_p"}}, .update = {.kind = UpdateRuleKind::adam, .learning_rate = 1e-3}});
  std::vector<double> seconds;
  double previous = 0.0;
  trainer.fit(synthetic(batches * options.minibatch, 3), nullptr, {.epochs = 1, .on_batch = [&](const BatchProgress& p) {
                                                                        seconds.push_back(p.seconds - previous);
                                                                        previous = p.seconds;
                                                                      }});
  seconds.erase(seconds.begin());
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

int usage(const char* why) {
  std::cerr << "lmu_bench: " << why << "\nusage: lmu_bench [--batches N] [--rewrites on|off] [--without REWRITE]... [--threads T] [--minibatch B] [--rows-per-task R] [--json]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  int batches = 10, threads = 0;
  Index minibatch = 100, rows_per_task = 0;
  bool rewrites = true, json = false;
  std::vector<std::string> without;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--batches") batches = std::atoi(value().c_str());
    else if (a == "--threads") threads = std::atoi(value().c_str());
    else if (a == "--minibatch") minibatch = std::atol(value().c_str());
    else if (a == "--rows-per-task") rows_per_task = std::atol(value().c_str());
    else if (a == "--rewrites") {
      const std::string v = value();
      if (v != "on" && v != "off") return usage("--rewrites: expected on or off");
      rewrites = v == "on";
    } else if (a == "--without") {
      without.push_back(value());
      bool known = false;
      for (const auto& [name, flag] : kRewrites) known = known || without.back() == name;
      if (!known) return usage(("--without: no rewrite named '" + without.back() + "'").c_str());
    } else if (a == "--json") json = true;
    else return usage(("unknown argument '" + a + "'").c_str());
  }
  if (batches < 2) return usage("--batches: expected at least 2 (the first is a warm-up)");
  if (minibatch < 1) return usage("--minibatch: expected a positive number");
  if (rows_per_task < 0) return usage("--rows-per-task: expected 0 (auto) or a positive number");
  const double epoch_batches = 50000.0 / static_cast<double>(minibatch);
  Network net("psmnist_lmu");
  auto inp = net.input("inp", 1);
  auto out = net.node("out", 10);
  const auto lmu = networks::lmu(net, "lmu", {.order = 256, .theta = 784, .units = 212, .input_to_hidden = true});
  net.connect(inp, lmu.input);
  net.connect(lmu.hidden, out, {.transform = init::glorot_uniform()});
  net.probe(out, {.name = "out_p", .keep_history = false});
  RewriteOptions rewrite_options = RewriteOptions::all(rewrites);
  for (const auto& [name, flag] : kRewrites)
    if (std::find(without.begin(), without.end(), name) != without.end()) rewrite_options.*flag = false;
  Simulator sim(net, {.dt = 1.0, .minibatch = minibatch, .unroll = 16, .threads = threads, .rows_per_task = rows_per_task,
                      .rewrites = rewrite_options});
  Trainer trainer(sim, {.losses = {{.probe = "out_p"}}, .update = {.kind = UpdateRuleKind::adam, .learning_rate = 1e-3}});

  const Dataset train = synthetic(batches * minibatch, 1);
  std::vector<double> batch_seconds;
  double previous = 0.0;
  trainer.fit(train, nullptr, {.epochs = 1, .on_batch = [&](const BatchProgress& p) {
                                 batch_seconds.push_back(p.seconds - previous);
                                 previous = p.seconds;
                               }});
  batch_seconds.erase(batch_seconds.begin());  // warm-up
  const double train_median = median(batch_seconds);
  const double train_min = *std::min_element(batch_seconds.begin(), batch_seconds.end());

  const Dataset infer = synthetic(batches * minibatch, 2);
  const auto t0 = std::chrono::steady_clock::now();
  trainer.evaluate(infer);
  const double infer_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double sequences_per_second = static_cast<double>(batches * minibatch) / infer_seconds;

  const double rss = peak_rss_mib();

  Network rnn("hidden_only");
  auto x = rnn.input("inp", 1);
  auto h = rnn.node("h", 212, Activation::tanh);
  auto y = rnn.node("out", 10);
  rnn.connect(x, h, {.transform = init::glorot_uniform()});
  rnn.connect(h, h, {.transform = init::orthogonal(), .synapse = Synapse::delay()});
  rnn.connect(h, y, {.transform = init::glorot_uniform()});
  rnn.probe(y, {.name = "out_p", .keep_history = false});
  const double sequential = seconds_per_batch(rnn, sim.options(), batches);
  const double sequential_gflops = 3.0 * 2.0 * static_cast<double>(minibatch) * 212.0 * 212.0 * 784 / sequential * 1e-9;

  if (json) {
    std::printf("{\"rewrites\": %s, \"batches_timed\": %zu, \"train_s_per_batch_median\": %.4f, "
                "\"train_s_per_batch_min\": %.4f, \"epoch_s_estimate\": %.1f, \"infer_sequences_per_s\": %.1f, "
                "\"peak_rss_mib\": %.1f, \"sequential_s_per_batch\": %.4f, \"sequential_gflops\": %.1f}\n",
                rewrites ? "true" : "false", batch_seconds.size(), train_median, train_min, epoch_batches * train_median,
                sequences_per_second, rss, sequential, sequential_gflops);
    return 0;
  }
  std::printf("netsim, seed LMU (order 256, theta 784, 212 tanh units, minibatch %ld), rewrites %s\n",
              static_cast<long>(minibatch), rewrites ? "on" : "off");
  std::printf("training   %.3f s per batch (median of %zu, min %.3f); epoch of %.0f batches ~ %.0f s\n", train_median,
              batch_seconds.size(), train_min, epoch_batches, epoch_batches * train_median);
  std::printf("inference  %.0f sequences per second (%.3f s per 100)\n", sequences_per_second,
              100.0 / sequences_per_second);
  std::printf("peak RSS   %.0f MiB\n", rss);
  std::printf("sequential part alone (212 tanh units, no memory): %.3f s per batch, its GEMMs %.1f GFLOP/s\n",
              sequential, sequential_gflops);
  return 0;
}
