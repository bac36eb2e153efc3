#pragma once
// MPI_COMM_WORLD of the data-parallel tests (set by tests/mpi/main.cpp).
#include "netsim/optimizer/communicator.h"

namespace netsim::test {
extern Communicator* world_communicator;
}
