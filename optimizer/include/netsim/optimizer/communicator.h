#pragma once
// The ranks of a data-parallel training (docs/distributed.md): what the Trainer needs
// from a distributed engine, and nothing more. `MpiCommunicator` (mpi_communicator.h,
// built when MPI is found) is the engine; a Trainer without a communicator is one process.
//
// Every call is collective: every rank makes the same calls in the same order.

#include <span>
#include <string>

namespace netsim {

class Communicator {
 public:
  virtual ~Communicator() = default;
  virtual int rank() const = 0;  // 0 .. size() - 1
  virtual int size() const = 0;

  // Sums `values` over the ranks, in place; every rank receives the same sums.
  virtual void sum(std::span<float> values) = 0;
  virtual void sum(std::span<double> values) = 0;
  // Rank `root`'s values (or bytes, any length) on every rank.
  virtual void broadcast(std::span<float> values, int root) = 0;
  virtual void broadcast(std::string& bytes, int root) = 0;
};

}  // namespace netsim
