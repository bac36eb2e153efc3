// The data-parallel tests' main: CTest starts it with mpiexec -np 2 (tests/CMakeLists.txt).
// Every rank runs every case; a case's collective calls are the same on every rank, and
// only CHECKs follow them, so a failing check on one rank never leaves the other waiting.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "netsim/optimizer/mpi_communicator.h"
#include "world.h"

namespace netsim::test {
Communicator* world_communicator = nullptr;
}

int main(int argc, char** argv) {
  netsim::MpiSession mpi(&argc, &argv);
  netsim::test::world_communicator = &mpi.world();
  doctest::Context context(argc, argv);
  const int failed = context.run() != 0 ? 1 : 0;
  // Both ranks end with the same status: any rank's failure fails the test.
  std::vector<double> failures{static_cast<double>(failed)};
  mpi.world().sum(failures);
  if (mpi.size() < 2) {
    std::fprintf(stderr, "netsim_mpi_tests: expected to run on at least 2 ranks (mpiexec -np 2), got %d\n", mpi.size());
    return 1;
  }
  return failures[0] > 0 ? 1 : 0;
}
