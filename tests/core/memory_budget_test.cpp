// Memory checked before it is spent (netsim/core/memory_budget.h): the estimate the
// simulator makes is what a recording then holds, and too big a job is refused with the
// estimate and what to change, before the allocation and before anything is written.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "apps/netsim_command.h"
#include "netsim/builder/simulator_training.h"
#include "netsim/builder/model.h"
#include "netsim/builder/signal_history.h"
#include "netsim/builder/whole_run_op.h"
#include "netsim/builder/simulator.h"
#include "netsim/core/error.h"
#include "netsim/core/memory_budget.h"
#include "netsim/core/network.h"
#include "netsim/core/atomic_file.h"
#include "netsim/core/npy.h"
#include "scratch_dir.h"
#include "toy_network.h"

namespace netsim::test {
namespace {

// Sets NETSIM_MEMORY_LIMIT for one scope (the tests share a process when run together).
class MemoryLimit {
 public:
  explicit MemoryLimit(const char* value) { setenv("NETSIM_MEMORY_LIMIT", value, 1); }
  ~MemoryLimit() { unsetenv("NETSIM_MEMORY_LIMIT"); }
};

Network recurrent(Index units) {
  Network net("rnn");
  auto x = net.input("x", 1);
  auto h = net.node("h", units, Activation::tanh);
  auto out = net.node("out", 2);
  net.connect(x, h, {.transform = init::glorot_uniform()});
  net.connect(h, h, {.transform = init::orthogonal(), .synapse = Synapse::delay()});
  net.connect(h, out, {.transform = init::glorot_uniform()});
  net.probe(out, {.name = "p"});
  return net;
}

}  // namespace

TEST_CASE("memory budget: sizes read and printed, NETSIM_MEMORY_LIMIT replaces the measurement") {
  CHECK(format_bytes(96) == "96 bytes");
  CHECK(format_bytes(1536) == "1.5 KiB");
  CHECK(format_bytes(std::size_t{3} << 30) == "3.0 GiB");
  {
    const MemoryLimit limit("64M");
    CHECK(available_memory_bytes() == std::size_t{64} << 20);
    CHECK_NOTHROW(check_memory(std::size_t{64} << 20, "x", "y", "z"));
    try {
      check_memory((std::size_t{64} << 20) + 1, "the record", "3 x 4", "lower it");
      FAIL("expected OutOfMemoryError");
    } catch (const OutOfMemoryError& e) {
      CHECK(std::string(e.what()) == "the record would take 64.0 MiB (3 x 4); this machine has 64.0 MiB free: lower it");
    }
  }
  {
    const MemoryLimit limit("lots");
    CHECK_THROWS_WITH_AS(available_memory_bytes(), doctest::Contains("NETSIM_MEMORY_LIMIT: expected bytes"), Error);
  }
  const auto measured = available_memory_bytes();
  REQUIRE(measured.has_value());  // Linux: /proc/meminfo
  CHECK(*measured > (std::size_t{16} << 20));
}

TEST_CASE("memory budget: the recording estimate is what a recorded run holds, and too big a record or minibatch is refused before allocating") {
  SimulatorOptions options;
  options.minibatch = 5;
  options.threads = 1;
  Simulator sim(recurrent(7), options);
  sim.set_input("x", Array3(5, 12, 1, 0.5f));
  sim.training_support().set_recording(true);
  sim.run_steps(12);
  CHECK(sim.training_support().recording_bytes(12) == sim.training_support().history().bytes());
  CHECK(sim.training_support().history().values_per_step() > 0);

  sim.reset();
  {
    const MemoryLimit limit("1K");  // the signals are already allocated; the record would not fit
    CHECK_THROWS_WITH_AS(sim.run_steps(12), doctest::Contains("the forward values recorded for backpropagation through time would take"), OutOfMemoryError);
    CHECK_THROWS_AS(sim.training_support().check_recording_memory(12), OutOfMemoryError);
  }
  {
    const MemoryLimit limit("100");  // not even the signals of 5 sequences
    CHECK_THROWS_WITH_AS(Simulator(recurrent(7), options), doctest::Contains("the simulator's signals would take"), OutOfMemoryError);
  }
  sim.reset();
  CHECK_NOTHROW(sim.run_steps(12));  // with the memory there, the same run goes ahead
}

TEST_CASE("memory budget: the whole-run buffers' estimate is what a run holds, and too many steps are refused before allocating") {
  Network net("wide");
  auto x = net.input("x", 32);  // a dense product from a known node of 32 values: time-batched
  auto h = net.node("h", 6, Activation::tanh);
  net.connect(x, h, {.transform = init::glorot_uniform()});
  net.connect(h, h, {.transform = init::orthogonal(), .synapse = Synapse::delay()});
  net.probe(h, {.name = "p"});
  SimulatorOptions options;
  options.minibatch = 3;
  options.threads = 1;
  Simulator sim(net, options);
  REQUIRE(sim.model().whole_run_ops.size() == 1);
  sim.set_input("x", Array3(3, 20, 32, 0.1f));
  sim.run_steps(20);
  std::size_t held = 0;
  for (const auto& op : sim.model().whole_run_ops) held += op->bytes();
  CHECK(sim.whole_run_bytes(20) == held);
  CHECK(held == sizeof(float) * 3 * 20 * (32 + 6));  // u (32) and the reader's z (6) per sequence and step

  const MemoryLimit limit("4K");  // the signals fit, 20 steps of buffers (9.1 KiB) do not
  Simulator fresh(net, options);
  fresh.set_input("x", Array3(3, 20, 32, 0.1f));
  CHECK_THROWS_WITH_AS(fresh.run_steps(20),
                       doctest::Contains("the whole-run buffers of the rewritten operators (LTI memories, time-batched products) would take"),
                       OutOfMemoryError);
}

TEST_CASE("memory budget: netsim describe shows the estimate, and netsim train refuses a record bigger than the free memory and writes nothing") {
  const ScratchDir dir;
  const std::string big = dir.write("big.yaml", R"(netsim: 1
nodes:
  x: {input: 1}
  h: {size: 2000, activation: tanh}
  out: {size: 10}
connections:
  - {from: x, to: h, transform: {init: glorot_uniform}}
  - {from: h, to: h, transform: {init: orthogonal}, synapse: 0}
  - {from: h, to: out, transform: {init: glorot_uniform}}
probes:
  out_p: {target: out, keep_history: false}
run: {steps: 784}
)");
  {
    const MemoryLimit limit("200M");  // signals: 3000 x 6011 values, 68.8 MiB
    const CommandResult describe = run_netsim({"describe", big, "--minibatch", "3000"});
    CAPTURE(describe.err);
    REQUIRE(describe.exit_code == 0);
    // 2001 values per sequence and step (h and the recurrence's delayed copy... as planned) x 3000 x 4 bytes.
    CHECK(describe.out.find("Memory (minibatch 3000): signals 68.8 MiB; training records 22.9 MiB per step") != std::string::npos);
    CHECK(describe.out.find("17.5 GiB for 784 steps; free now: 200.0 MiB") != std::string::npos);
  }

  NdArray x{{16, 10, 1}, std::vector<float>(160, 0.25f)}, y{{16}, std::vector<float>(16, 1.0f)};
  write_file_atomically(dir.file("x.npy"), format_npy(x));
  write_file_atomically(dir.file("y.npy"), format_npy(y));
  const std::string small = dir.write("small.yaml", toy_network_yaml(8, R"(data:
  train: {inputs: {x: x.npy}, targets: {out_p: y.npy}}
train: {epochs: 1, minibatch: 16, loss: {out_p: sparse_categorical_crossentropy}}
)"));
  const MemoryLimit limit("5K");  // the signals fit, 10 steps of record do not
  const CommandResult train = run_netsim({"train", small, "--out", dir.file("out")});
  CHECK(train.exit_code == 1);
  CHECK(train.err.find("error: the forward values recorded for backpropagation through time would take ") != std::string::npos);
  CHECK(train.err.find("(16 sequences x 10 steps x ") != std::string::npos);
  CHECK(train.err.find("this machine has 5.0 KiB free: lower the minibatch") != std::string::npos);
  CHECK(!std::filesystem::exists(dir.file("out")));
}

}  // namespace netsim::test
