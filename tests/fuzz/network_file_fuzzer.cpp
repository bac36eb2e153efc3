// Fuzz target: network file text -> validated Network + run, data and train settings
// (apps/config), with the files it names read from the sandbox (u.npy, weights.npz,
// data/...). A file that loads and is small is also built and run for a few steps, so a
// network the reader accepts but the builder cannot handle is a finding too (unless the
// builder says so with a BuildError).
#include <cstdint>

#include "fuzz_sandbox.h"
#include "netsim/builder/simulator.h"
#include "netsim/config/network_file.h"
#include "netsim/core/error.h"

namespace {

// Small enough to build and run in a few milliseconds.
bool small(const netsim::Network& net) {
  netsim::Index values = 0;
  for (const auto& node : net.nodes()) values += node.size_in + node.size_out;
  return values <= 4096 && net.parameter_count(true) + net.parameter_count(false) <= 200000;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = netsim::fuzz::write_input("input.yaml", data, size);
  try {
    const netsim::config::NetworkFile file = netsim::config::load_network_file(path);
    if (!small(file.network)) return 0;
    netsim::SimulatorOptions options = file.simulator_options(2);
    options.threads = 1;
    netsim::Simulator sim(file.network, options);
    sim.run_steps(3);
    for (const auto& probe : sim.probe_names()) sim.probe_data(probe);
  } catch (const netsim::Error&) {
  }
  return 0;
}
