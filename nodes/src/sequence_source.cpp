#include "netsim/nodes/sequence_source.h"

namespace netsim::nodes {

Index sequence_row(long step, Index rows) { return static_cast<Index>((step - 1) % rows); }

}  // namespace netsim::nodes
