#pragma once
// What one rank of a data-parallel `netsim train` runs with (docs/distributed.md).

#include "netsim/builder/simulator.h"
#include "netsim/optimizer/data_parallel.h"

namespace netsim::cli {

// `options` (the whole minibatch's) for this rank: its share of the minibatch and, unless
// threads are given, the machine's hardware threads shared by the ranks started on it.
// Throws ValidationError when the minibatch has fewer sequences than there are ranks.
// Without ranks (one process) the options as they are.
SimulatorOptions options_for_rank(SimulatorOptions options, Communicator* ranks);

}  // namespace netsim::cli
