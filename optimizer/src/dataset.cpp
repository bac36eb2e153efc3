#include "netsim/optimizer/dataset.h"

#include <algorithm>

#include "netsim/core/error.h"

namespace netsim {

Index Dataset::size(const std::string& where) const {
  if (inputs.empty()) throw ValidationError(where + ": expected data for at least one input node");
  const auto& [first_name, first] = *inputs.begin();
  for (const auto& [name, data] : inputs) {
    if (data.dim(0) != first.dim(0) || data.dim(1) != first.dim(1)) {
      throw ValidationError(where + ": input '" + name + "' is shaped " + data.shape_string() + " but input '" +
                            first_name + "' is " + first.shape_string() + "; expected the same sequences and steps");
    }
  }
  if (first.dim(0) < 1 || first.dim(1) < 1) {
    throw ValidationError(where + ": input '" + first_name + "': expected at least one sequence of one step, got " +
                          first.shape_string());
  }
  return first.dim(0);
}

long Dataset::steps(const std::string& where) const {
  size(where);
  return inputs.begin()->second.dim(1);
}

std::map<std::string, Array3> Dataset::minibatch(const std::vector<Index>& rows, Index batch) const {
  std::map<std::string, Array3> out;
  for (const auto& [name, data] : inputs) {
    Array3 a(batch, data.dim(1), data.dim(2));
    const Index row_size = data.dim(1) * data.dim(2);
    for (std::size_t b = 0; b < rows.size(); ++b)
      std::copy_n(data.data() + rows[b] * row_size, row_size, a.data() + static_cast<Index>(b) * row_size);
    out.emplace(name, std::move(a));
  }
  return out;
}

Dataset present_steps(const Dataset& data, long repeats) {
  if (repeats < 1) throw ValidationError("present: expected at least 1 step per input step, got " + std::to_string(repeats));
  Dataset out;
  out.targets = data.targets;
  for (const auto& [node, in] : data.inputs) {
    Array3 shown(in.dim(0), in.dim(1) * repeats, in.dim(2));
    const Index steps = in.dim(1), size = in.dim(2);
    for (Index n = 0; n < in.dim(0); ++n)
      for (Index k = 0; k < steps; ++k)
        for (long r = 0; r < repeats; ++r)
          std::copy_n(in.data() + (n * steps + k) * size, size, shown.data() + (n * steps * repeats + k * repeats + r) * size);
    out.inputs.emplace(node, std::move(shown));
  }
  return out;
}

}  // namespace netsim
