// The NengoDL psMNIST LMU topology, node by node, simulated for a minibatch of 100
// sequences of 784 steps (one pixel per step):
//
//   x (1) --none--> u (1) --B, none--> m (256) --A, synapse 0--> m
//   x --none--> h (212, tanh);  m --none--> h;  h --synapse 0--> h;  h --none--> out (10)
//
// Until the LMU network lands, A and B are placeholders (a scaled orthogonal matrix and
// a uniform column) of the right shapes: the cost and the timing semantics are the real
// ones, the numbers are not a trained model.
//
//   ./build/examples/psmnist_topology [--minibatch 100] [--steps 784] [--unroll 16] [--threads 0]
//                                     [--rows-per-task 0 (auto)]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <netsim/netsim.h>

namespace {

struct Args {
  long minibatch = 100, steps = 784, unroll = 16, threads = 0, rows_per_task = 0;
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    auto value = [&](long& out) {
      if (i + 1 >= argc) throw netsim::Error(std::string(argv[i]) + ": expected a value");
      char* end = nullptr;
      out = std::strtol(argv[++i], &end, 10);
      if (*end != '\0' || out < 0) throw netsim::Error(std::string(argv[i - 1]) + ": expected a non-negative integer, got \"" + argv[i] + "\"");
    };
    if (!std::strcmp(argv[i], "--minibatch")) value(a.minibatch);
    else if (!std::strcmp(argv[i], "--steps")) value(a.steps);
    else if (!std::strcmp(argv[i], "--unroll")) value(a.unroll);
    else if (!std::strcmp(argv[i], "--threads")) value(a.threads);
    else if (!std::strcmp(argv[i], "--rows-per-task")) value(a.rows_per_task);
    else throw netsim::Error(std::string("unknown option ") + argv[i] + " (expected --minibatch, --steps, --unroll, --threads, --rows-per-task)");
  }
  return a;
}

}  // namespace

int main(int argc, char** argv) try {
  const Args args = parse(argc, argv);
  using netsim::Synapse;
  namespace init = netsim::init;

  netsim::Network net("psmnist-lmu-topology");
  auto x = net.input("x", 1);
  auto u = net.node("u", 1);
  auto m = net.node("m", 256);
  auto h = net.node("h", 212, netsim::Activation::tanh);
  auto out = net.node("out", 10);
  net.connect(x, u, {.transform = 1.0, .trainable = false});
  net.connect(u, m, {.transform = init::uniform(-0.05, 0.05), .trainable = false});          // B placeholder
  net.connect(m, m, {.transform = init::orthogonal(0.99), .synapse = Synapse::delay(), .trainable = false});  // A placeholder
  net.connect(x, h, {.transform = init::glorot_uniform()});
  net.connect(m, h, {.transform = init::glorot_uniform()});
  net.connect(h, h, {.transform = init::orthogonal(), .synapse = Synapse::delay()});
  net.connect(h, out, {.transform = init::glorot_uniform()});
  net.probe(out, {.name = "logits", .keep_history = false});

  netsim::Simulator sim(net, {.dt = 1.0, .minibatch = args.minibatch, .unroll = static_cast<int>(args.unroll),
                              .seed = 0, .threads = static_cast<int>(args.threads),
                              .rows_per_task = args.rows_per_task});
  std::printf("%s", sim.describe().c_str());

  // A random "image" per sequence: pixel values in [0, 1).
  netsim::Array3 pixels(args.minibatch, args.steps, 1);
  netsim::Rng rng(1);
  for (netsim::Index i = 0; i < pixels.size(); ++i) pixels.data()[i] = static_cast<float>(rng.uniform());
  sim.set_input("x", std::move(pixels));

  const auto start = std::chrono::steady_clock::now();
  sim.run_steps(args.steps);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const netsim::Array3 logits = sim.probe_data("logits");
  std::printf("logits %s, sequence 0: [", logits.shape_string().c_str());
  for (netsim::Index i = 0; i < logits.dim(2); ++i) std::printf("%s%.4f", i ? ", " : "", logits(0, 0, i));
  std::printf("]\n");
  std::printf("simulated %ld sequences x %ld steps in %.3f s: %.1f sequences/s (%.1f us per step)\n",
              args.minibatch, args.steps, seconds, static_cast<double>(args.minibatch) / seconds,
              1e6 * seconds / static_cast<double>(args.steps));
  return 0;
} catch (const netsim::Error& e) {
  std::fprintf(stderr, "psmnist_topology: error: %s\n", e.what());
  return 2;
}
