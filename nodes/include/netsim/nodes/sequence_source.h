#pragma once
// The output rule of a sequence node: at step k (k = 1, 2, ...) it outputs row
// (k-1) mod rows of its matrix, i.e. it repeats like nengo.processes.PresentInput with
// presentation_time = dt.

#include "netsim/core/types.h"

namespace netsim::nodes {

// Row of a `rows`-row sequence shown at step k >= 1.
Index sequence_row(long step, Index rows);

}  // namespace netsim::nodes
