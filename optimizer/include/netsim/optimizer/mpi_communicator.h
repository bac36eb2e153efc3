#pragma once
// MPI as netsim's distributed engine (library netsim_mpi, built when CMake finds MPI;
// NETSIM_WITH_MPI is defined for its users). MPI types stay inside mpi_communicator.cpp.
//
//   if (MpiSession::launched_by_mpirun()) {
//     MpiSession mpi(argc, argv);                  // MPI_Init_thread .. MPI_Finalize
//     if (mpi.size() > 1) trainer_options.communicator = &mpi.world();
//   }

#include <memory>

#include "netsim/optimizer/communicator.h"

namespace netsim {

class MpiSession {
 public:
  // True when the environment says mpirun/mpiexec (Open MPI, MPICH, PMIx) started this
  // process; a plain start never initialises MPI.
  static bool launched_by_mpirun();
  // The number of ranks on this machine, from the launcher's environment (1 if unknown).
  static int local_ranks();

  // Initialises MPI (threads: funneled, only the main thread calls MPI).
  MpiSession(int* argc, char*** argv);
  ~MpiSession();  // MPI_Finalize
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const;
  int size() const;
  Communicator& world();  // MPI_COMM_WORLD
  // Stops every rank of the job now (MPI_Abort): for failures that settle_errors cannot
  // reach, as the last resort.
  [[noreturn]] void abort(int exit_code);

 private:
  std::unique_ptr<Communicator> world_;
};

}  // namespace netsim
