#pragma once
// Memory checked before it is spent: the big allocations (the simulator's signals for a
// minibatch, the forward values recorded for backpropagation through time) are estimated
// first and refused with an OutOfMemoryError that gives the estimate and what to change,
// instead of allocating until the kernel stops the process.

#include <cstddef>
#include <optional>
#include <string>

namespace netsim {

// Bytes this process may still allocate: MemAvailable from /proc/meminfo, lowered by a
// cgroup's memory limit (containers, batch schedulers) when one is set. The environment
// variable NETSIM_MEMORY_LIMIT (bytes, or with a K/M/G suffix) replaces the measurement
// (for a machine shared with other jobs, and for tests). nullopt where unknown.
std::optional<std::size_t> available_memory_bytes();

// "18.8 GiB", "512.0 MiB", "96 bytes".
std::string format_bytes(std::size_t bytes);

// Throws OutOfMemoryError("<what> would take <bytes> (<detail>); this machine has <free>
// free: <advice>") when `bytes` exceed available_memory_bytes(). Does nothing when the
// free memory is unknown.
void check_memory(std::size_t bytes, const std::string& what, const std::string& detail,
                  const std::string& advice);

}  // namespace netsim
