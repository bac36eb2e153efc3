#include "netsim/optimizer/checkpoint.h"

#include <cmath>
#include <limits>

#include "netsim/core/error.h"
#include "netsim/core/npz.h"

namespace netsim {
namespace {

constexpr int kHistoryColumns = 7;
const std::string kParams = "params/", kUpdate = "update/";

NdArray scalar(double v) { return NdArray{{}, {static_cast<float>(v)}}; }

float or_nan(std::optional<double> v) {
  return v ? static_cast<float>(*v) : std::numeric_limits<float>::quiet_NaN();
}

std::optional<double> from_nan(float v) {
  if (std::isnan(v)) return std::nullopt;
  return v;
}

}  // namespace

void write_checkpoint(const std::string& path, const TrainerState& state, const std::vector<Parameter*>& parameters,
                      const UpdateRule& rule) {
  NamedArrays arrays;
  arrays.emplace_back("trainer/epoch", scalar(state.epoch));
  arrays.emplace_back("trainer/best", scalar(state.best));
  arrays.emplace_back("trainer/best_epoch", scalar(state.best_epoch));
  arrays.emplace_back("trainer/wait", scalar(state.wait));
  NdArray history{{static_cast<Index>(state.history.size()), kHistoryColumns}, {}};
  for (const EpochRecord& r : state.history) {
    const auto v = r.validation;
    for (float x : {static_cast<float>(r.epoch), static_cast<float>(r.train.loss), or_nan(r.train.accuracy),
                    or_nan(v ? std::optional(v->loss) : std::nullopt), or_nan(v ? v->accuracy : std::nullopt),
                    static_cast<float>(r.learning_rate), static_cast<float>(r.seconds)})
      history.values.push_back(x);
  }
  arrays.emplace_back("trainer/history", std::move(history));
  for (auto& [key, array] : rule.state(parameters)) arrays.emplace_back(kUpdate + key, std::move(array));
  for (const Parameter* p : parameters) arrays.emplace_back(kParams + p->name, NdArray::from(p->value));
  write_npz(path, arrays);
}

TrainerState read_checkpoint(const std::string& path, const std::vector<Parameter*>& parameters, UpdateRule& rule) {
  return restore_checkpoint(read_npz(path), path, parameters, rule);
}

TrainerState restore_checkpoint(const NamedArrays& arrays, const std::string& path,
                                const std::vector<Parameter*>& parameters, UpdateRule& rule) {
  auto find = [&](const std::string& key) -> const NdArray& {
    for (const auto& [name, array] : arrays)
      if (name == key) return array;
    throw ValidationError(path + ": expected \"" + key + "\" (a checkpoint written by netsim's trainer for this network)");
  };
  auto count = [&](const std::string& key) {
    const NdArray& a = find(key);
    if (a.element_count() != 1 || !(a.values[0] >= 0.0f)) throw ValidationError(path + ": \"" + key + "\": expected one count >= 0");
    return static_cast<int>(a.values[0]);
  };
  TrainerState state;
  state.epoch = count("trainer/epoch");
  state.best_epoch = count("trainer/best_epoch");
  state.wait = count("trainer/wait");
  state.best = find("trainer/best").values.at(0);
  const NdArray& history = find("trainer/history");
  if (history.rank() != 2 || history.shape[1] != kHistoryColumns || history.shape[0] != state.epoch) {
    throw ValidationError(path + ": \"trainer/history\": expected shape (" + std::to_string(state.epoch) + ", " +
                          std::to_string(kHistoryColumns) + "), got " + history.shape_string());
  }
  for (Index e = 0; e < history.shape[0]; ++e) {
    const float* row = history.values.data() + e * kHistoryColumns;
    EpochRecord r;
    r.epoch = static_cast<int>(row[0]);
    r.train.loss = row[1];
    r.train.accuracy = from_nan(row[2]);
    if (!std::isnan(row[3])) r.validation = Metrics{row[3], from_nan(row[4]), 0};
    r.learning_rate = row[5];
    r.seconds = row[6];
    state.history.push_back(r);
  }
  std::vector<Matrix> values;
  for (const Parameter* p : parameters) {
    const NdArray& a = find(kParams + p->name);
    const NdArray expected = NdArray::from(p->value);
    if (a.shape != expected.shape) {
      throw ValidationError(path + ": \"" + kParams + p->name + "\": expected shape " + expected.shape_string() +
                            ", got " + a.shape_string());
    }
    Matrix m(p->value.rows(), p->value.cols());
    std::copy(a.values.begin(), a.values.end(), m.data());
    values.push_back(std::move(m));
  }
  NamedArrays update;
  for (const auto& [name, array] : arrays)
    if (name.starts_with(kUpdate)) update.emplace_back(name.substr(kUpdate.size()), array);
  rule.load_state(update, parameters, path);
  for (std::size_t i = 0; i < parameters.size(); ++i) parameters[i]->value = std::move(values[i]);
  return state;
}

}  // namespace netsim
