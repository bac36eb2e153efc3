#pragma once
// Names of nodes, connections and probes: identifiers ([A-Za-z_][A-Za-z0-9_]*) joined by
// dots for nested subnetworks ("lmu.m").

#include <string>

namespace netsim {

// Throws ValidationError("<what>: expected a name made of letters, digits, '_' and '.'
// ..., got \"...\"") if `name` is not a valid (possibly dotted) name.
void check_name(const std::string& name, const std::string& what);

}  // namespace netsim
