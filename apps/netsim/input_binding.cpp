#include "input_binding.h"

#include "command_line.h"
#include "netsim/core/error.h"
#include "netsim/core/npy.h"
#include "netsim/core/npz.h"

namespace netsim::cli {

namespace {

// FILE.npz (the member named after the node), FILE.npz:KEY, or anything else as .npy.
NdArray read_binding_file(const std::string& file, const std::string& node) {
  const auto ends_with = [](const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
  };
  const auto key_at = file.rfind(".npz:");
  if (ends_with(file, ".npz")) return read_npz_array(file, node);
  if (key_at != std::string::npos)
    return read_npz_array(file.substr(0, key_at + 4), file.substr(key_at + 5));
  return read_npy(file);
}

}  // namespace

std::map<std::string, Array3> read_input_bindings(const std::vector<std::string>& bindings, const Network& network) {
  std::map<std::string, Array3> inputs;
  for (const std::string& binding : bindings) {
    const std::string where = "--input " + binding;
    const auto eq = binding.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == binding.size()) {
      throw UsageError(where + ": expected NODE=FILE.npy or NODE=FILE.npz[:KEY]");
    }
    const std::string node = binding.substr(0, eq);
    const std::string file = binding.substr(eq + 1);
    const Node* n = network.find_node(node);
    if (!n) throw ValidationError(where + ": unknown node '" + node + "'");
    if (!traits(n->kind()).reads_data) {
      throw ValidationError(where + ": node '" + node + "' is a " + n->description() +
                            " node; only input nodes take data (declare it as {input: SIZE})");
    }
    if (inputs.count(node)) throw UsageError(where + ": node '" + node + "' is given data twice");
    NdArray array;
    try {
      array = read_binding_file(file, node);
    } catch (const Error& e) {  // "x.npy: cannot read: No such file or directory", named as given
      throw ValidationError(where + ": " + e.what());
    }
    // (steps,) for a node of size 1 (as `sequence: {file:}` takes it), (steps, size): one sequence.
    if (array.rank() == 1 && n->size_out == 1) array.shape.push_back(1);
    if (array.rank() == 2) array.shape.insert(array.shape.begin(), 1);
    if (array.rank() != 3) {
      throw ValidationError(
          where + ": expected an array shaped (batch, steps, " + std::to_string(n->size_out) +
          "), (steps, " + std::to_string(n->size_out) + ")" +
          (n->size_out == 1 ? " or (steps,)" : "") + ", got " + array.shape_string());
    }
    if (array.shape[2] != n->size_out) {
      throw ValidationError(where + ": expected " + std::to_string(n->size_out) + " values per step (the size of '" +
                            node + "'), got shape " + array.shape_string());
    }
    inputs.emplace(node, array.to_array3(where));
  }
  return inputs;
}

}  // namespace netsim::cli
