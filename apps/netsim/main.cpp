// netsim: run, check, describe, train and evaluate network files, and draw runs (docs/yaml.md).
//
// Exit status: 0 success; 1 the run failed; 2 bad command line, network file or data.
// Started by mpirun/mpiexec with several ranks, `train` runs data-parallel
// (docs/distributed.md): rank 0 prints, every rank exits with the same status.
#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "command_line.h"
#include "commands.h"
#include "netsim/core/error.h"
#include "netsim/optimizer/data_parallel.h"
#ifdef NETSIM_WITH_MPI
#include "netsim/optimizer/mpi_communicator.h"
#endif

namespace {

constexpr const char* kHelp = R"(usage: netsim COMMAND [options]

commands:
  run FILE.yaml        simulate; write probes.npz and run.json
  validate FILE.yaml   check a network file; report every problem with its line
  describe FILE.yaml   nodes, connections, parameter counts and the planned schedule
  train FILE.yaml      fit the network to its data: section with its train: settings
                       (data-parallel when started by mpirun -np N; docs/distributed.md)
  eval FILE.yaml       loss and accuracy of saved weights (--params) on a data split
  plot DIR             pictures of a run's probes (values, spike rasters, voltages)

netsim COMMAND --help shows the options of a command. docs/yaml.md describes the files.
exit status: 0 ok, 1 runtime failure, 2 usage or configuration error
)";

// What main() prints for an error and the exit status it maps to.
struct Failure {
  std::string message;
  int status = 1;
  bool settled = false;  // raised on every rank at once (settle_errors)
};

Failure describe(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    const bool settled = dynamic_cast<const netsim::SettledOnEveryRank*>(&e) != nullptr;
    // config::ConfigError lines already read FILE:LINE:COL: error: ...; every other bad-input
    // line gets "error: " too, so that no message reaches the user without it.
    const auto marked = [](const std::string& m) {
      return m.find("error: ") != std::string::npos ? m : "error: " + m;
    };
    if (dynamic_cast<const netsim::cli::UsageError*>(&e)) return {marked(e.what()), 2, settled};
    if (dynamic_cast<const netsim::ValidationError*>(&e)) return {marked(e.what()), 2, settled};
    if (dynamic_cast<const netsim::BuildError*>(&e)) return {std::string("error: ") + e.what(), 2, settled};
    if (dynamic_cast<const std::bad_alloc*>(&e)) return {"error: out of memory (try a smaller --minibatch or fewer --steps)", 1, settled};
    return {std::string("error: ") + e.what(), 1, settled};
  } catch (...) {
    return {"error: unknown failure", 1, false};
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> all(argv + 1, argv + argc);
  if (all.empty() || all[0] == "--help" || all[0] == "-h" || all[0] == "help") {
    (all.empty() ? std::cerr : std::cout) << kHelp;
    return all.empty() ? 2 : 0;
  }
  if (all[0] == "--version") {
    std::cout << "netsim " << NETSIM_VERSION << "\n";
    return 0;
  }
  netsim::Communicator* ranks = nullptr;
#ifdef NETSIM_WITH_MPI
  std::optional<netsim::MpiSession> mpi;
  if (netsim::MpiSession::launched_by_mpirun()) {
    mpi.emplace(&argc, &argv);
    if (mpi->size() > 1) ranks = &mpi->world();
  }
#endif
  std::exception_ptr error;
  try {
    return netsim::cli::dispatch_command(all[0], {all.begin() + 1, all.end()}, ranks);
  } catch (...) {
    error = std::current_exception();
  }
  const Failure failure = describe(error);
  if (!ranks) {
    std::cerr << failure.message << "\n";
    return failure.status;
  }
  // Every rank has the same settled error; rank 0 reports it. Anything else hit this
  // rank alone, outside the settled blocks: report it with the rank and stop the job.
  if (failure.settled) {
    if (ranks->rank() == 0) std::cerr << failure.message << "\n";
    return failure.status;
  }
  std::cerr << "rank " << ranks->rank() << " of " << ranks->size() << ": " << failure.message << "\n";
#ifdef NETSIM_WITH_MPI
  mpi->abort(failure.status);
#endif
  return failure.status;
}
