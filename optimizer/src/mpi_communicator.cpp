#include "netsim/optimizer/mpi_communicator.h"

#include <mpi.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "netsim/core/error.h"

namespace netsim {
namespace {

void check(int code, const char* call) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  throw Error(std::string(call) + " failed: " + std::string(text, static_cast<std::size_t>(length)));
}

int as_count(std::size_t n) {
  if (n > static_cast<std::size_t>(INT32_MAX)) throw Error("MPI: message of " + std::to_string(n) + " values is too long");
  return static_cast<int>(n);
}

class WorldCommunicator final : public Communicator {
 public:
  WorldCommunicator() {
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    // Errors come back as codes (and become exceptions) instead of aborting the job.
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  }
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  void sum(std::span<float> v) override {
    check(MPI_Allreduce(MPI_IN_PLACE, v.data(), as_count(v.size()), MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD), "MPI_Allreduce");
  }
  void sum(std::span<double> v) override {
    check(MPI_Allreduce(MPI_IN_PLACE, v.data(), as_count(v.size()), MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD), "MPI_Allreduce");
  }
  void broadcast(std::span<float> v, int root) override {
    check(MPI_Bcast(v.data(), as_count(v.size()), MPI_FLOAT, root, MPI_COMM_WORLD), "MPI_Bcast");
  }
  void broadcast(std::string& bytes, int root) override {
    auto length = static_cast<std::uint64_t>(bytes.size());
    check(MPI_Bcast(&length, 1, MPI_UINT64_T, root, MPI_COMM_WORLD), "MPI_Bcast");
    bytes.resize(length);
    check(MPI_Bcast(bytes.data(), as_count(bytes.size()), MPI_CHAR, root, MPI_COMM_WORLD), "MPI_Bcast");
  }

 private:
  int rank_ = 0, size_ = 1;
};

int env_int(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::atoi(v) : 0;
}

}  // namespace

bool MpiSession::launched_by_mpirun() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(name)) return true;
  return false;
}

int MpiSession::local_ranks() {
  for (const char* name : {"OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS", "MPICH_LOCALNRANKS"})
    if (const int n = env_int(name); n > 0) return n;
  return 1;
}

MpiSession::MpiSession(int* argc, char*** argv) {
  int provided = 0;
  check(MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  world_ = std::make_unique<WorldCommunicator>();
}

MpiSession::~MpiSession() {
  world_.reset();
  MPI_Finalize();
}

int MpiSession::rank() const { return world_->rank(); }
int MpiSession::size() const { return world_->size(); }
Communicator& MpiSession::world() { return *world_; }

void MpiSession::abort(int exit_code) {
  MPI_Abort(MPI_COMM_WORLD, exit_code);
  std::_Exit(exit_code);
}

}  // namespace netsim
