#pragma once
// `--input NODE=FILE` on the command line: data for an input node from an .npy file, or
// from an .npz file (the member named after the node, or NODE=FILE.npz:KEY). Arrays are
// (batch, steps, size), or (steps, size) for one sequence.

#include <map>
#include <string>
#include <vector>

#include "netsim/core/array3.h"
#include "netsim/core/network.h"

namespace netsim::cli {

// Reads every binding; throws UsageError (malformed argument) or ValidationError (unknown
// or non-input node, unreadable file, wrong rank or size), each naming the argument.
std::map<std::string, Array3> read_input_bindings(const std::vector<std::string>& bindings, const Network& network);

}  // namespace netsim::cli
