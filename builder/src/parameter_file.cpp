#include "netsim/builder/parameter_file.h"

#include <map>

#include "netsim/core/error.h"
#include "netsim/core/npz.h"

namespace netsim {
namespace {

std::vector<Index> file_shape(const Parameter& p) {
  switch (p.layout) {
    case Parameter::Layout::scalar: return {};
    case Parameter::Layout::diagonal: return {p.value.rows()};
    case Parameter::Layout::dense: break;
  }
  return {p.value.rows(), p.value.cols()};
}

std::string shape_string(const std::vector<Index>& shape) { return NdArray{shape, {}}.shape_string(); }

}  // namespace

void save_params(const Simulator& simulator, const std::string& path) {
  NamedArrays arrays;
  for (const Parameter* p : simulator.parameters()) {
    NdArray a = NdArray::from(p->value);
    a.shape = file_shape(*p);
    arrays.emplace_back(p->name, std::move(a));
  }
  write_npz(path, arrays);
}

void load_params(Simulator& simulator, const std::string& path, LoadParamsOptions options) {
  std::map<std::string, const Parameter*> expected;
  for (const Parameter* p : simulator.parameters()) expected.emplace(p->name, p);

  std::vector<std::pair<std::string, Matrix>> updates;
  for (auto& [key, array] : read_npz(path)) {
    auto it = expected.find(key);
    if (it == expected.end()) {
      std::string known;
      for (const auto& [name, p] : expected) known += (known.empty() ? "" : ", ") + name;
      throw ValidationError(path + ": key \"" + key + "\": expected a connection with weights (one of [" +
                            known + "])");
    }
    const Parameter& p = *it->second;
    const auto shape = file_shape(p);
    if (array.shape != shape) {
      throw ValidationError(path + ": key \"" + key + "\": expected shape " + shape_string(shape) +
                            ", got " + array.shape_string());
    }
    Matrix value(p.value.rows(), p.value.cols());
    std::copy(array.values.begin(), array.values.end(), value.data());
    updates.emplace_back(key, std::move(value));
    expected.erase(it);
  }
  if (!expected.empty() && !options.allow_missing) {
    throw ValidationError(path + ": expected weights for connection '" + expected.begin()->first +
                          "' (" + std::to_string(expected.size()) + " connection(s) missing)");
  }
  for (auto& [key, value] : updates) simulator.set_parameter(key, value);
}

}  // namespace netsim
