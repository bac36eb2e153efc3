// The gradient allreduce of data-parallel training alone (docs/distributed.md): mean
// seconds of one sum over the ranks of N floats (default 101,549, the seed LMU's
// trainable weights), through the same Communicator the Trainer uses.
//
//   mpirun -np 2 build/bench/allreduce_bench [N] [REPEATS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "netsim/optimizer/mpi_communicator.h"

int main(int argc, char** argv) {
  netsim::MpiSession mpi(&argc, &argv);
  const long n = argc > 1 ? std::atol(argv[1]) : 101549;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 2000;
  std::vector<float> values(static_cast<std::size_t>(n), 1.0f);
  std::vector<double> sync{0.0};
  for (int i = 0; i < 20; ++i) mpi.world().sum(values);  // warm up
  mpi.world().sum(sync);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < repeats; ++i) mpi.world().sum(values);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / repeats;
  if (mpi.rank() == 0) {
    std::printf("allreduce of %ld floats (%.1f KiB) over %d ranks: %.1f us per call, %.2f GB/s algorithm bandwidth\n", n,
                static_cast<double>(n) * 4 / 1024, mpi.size(), seconds * 1e6, static_cast<double>(n) * 4 / seconds / 1e9);
  }
  return 0;
}
