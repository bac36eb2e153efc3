#include "rank_options.h"

#include <algorithm>
#include <string>
#include <thread>

#include "netsim/core/error.h"
#ifdef NETSIM_WITH_MPI
#include "netsim/optimizer/mpi_communicator.h"
#endif

namespace netsim::cli {
namespace {

int default_threads_per_rank() {
#ifdef NETSIM_WITH_MPI
  const int local = MpiSession::local_ranks();
#else
  const int local = 1;
#endif
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / local);
}

}  // namespace

SimulatorOptions options_for_rank(SimulatorOptions options, Communicator* ranks) {
  if (!ranks) return options;
  if (options.minibatch < ranks->size()) {
    throw ValidationError("netsim train: minibatch " + std::to_string(options.minibatch) + " is shared by " +
                          std::to_string(ranks->size()) + " ranks: expected at least one sequence per rank");
  }
  options.minibatch = rank_share(options.minibatch, ranks->rank(), ranks->size()).count;
  if (options.threads == 0) options.threads = default_threads_per_rank();
  return options;
}

}  // namespace netsim::cli
