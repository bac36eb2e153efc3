#pragma once
// Elementwise passes over parameter-sized arrays (the sum of the row tasks' gradients, the
// update rules, finiteness checks) in chunks on the calling arena's threads: run them
// inside Simulator::in_arena so that SimulatorOptions::threads holds. Each element is
// computed as by one plain loop, whatever the split, so the results do not depend on the
// thread count. Private to netsim_optimizer.

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "netsim/core/types.h"

namespace netsim::detail {

// Arrays of at most this many floats (128 kB) are one chunk: below it a task costs more
// than it saves.
constexpr Index kElementwiseChunk = Index{1} << 15;

// f(begin, end) over [0, n) in chunks of at most kElementwiseChunk.
template <typename F>
void for_element_chunks(Index n, F&& f) {
  if (n <= kElementwiseChunk) {
    f(Index{0}, n);
    return;
  }
  tbb::parallel_for(
      tbb::blocked_range<Index>(0, n, kElementwiseChunk),
      [&](const tbb::blocked_range<Index>& r) { f(r.begin(), r.end()); },
      tbb::simple_partitioner());
}

}  // namespace netsim::detail
