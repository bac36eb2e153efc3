#pragma once
// Errors raised by netsim. One line each, location first, compiler style:
//   "connection 'u->h': transform: expected 4x1 (post x pre), got 3x1"
// Library code throws; it never calls exit() or abort().

#include <stdexcept>
#include <string>
#include <vector>

namespace netsim {

// Base of every netsim error.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The network description is inconsistent (names, sizes, slices, parameters).
class ValidationError : public Error {
 public:
  using Error::Error;
};

// The description is valid but cannot be lowered to a schedule (e.g. an algebraic loop).
class BuildError : public Error {
 public:
  using Error::Error;
};

// A cycle of synapse-none connections; names the connections so that tools can point at
// them (the YAML loader reports the first one's line).
class AlgebraicLoopError : public BuildError {
 public:
  AlgebraicLoopError(const std::string& message, std::vector<std::string> connections)
      : BuildError(message), connections_(std::move(connections)) {}
  const std::vector<std::string>& connections() const { return connections_; }

 private:
  std::vector<std::string> connections_;
};

// Something went wrong while running (missing input data, too few input steps).
class SimulationError : public Error {
 public:
  using Error::Error;
};

// Training cannot go on: a non-finite loss, gradient or weight (the message names the
// epoch, batch, step and operator), or data that does not fit the network.
class TrainingError : public Error {
 public:
  using Error::Error;
};

// The job needs more memory than the machine has free (netsim/core/memory_budget.h);
// raised before the allocation, with the estimate and what to change.
class OutOfMemoryError : public Error {
 public:
  using Error::Error;
};

}  // namespace netsim
