#include "netsim/core/neuron_type.h"

#include <cmath>

#include "netsim/core/error.h"
#include "neurons/rate_math.h"

namespace netsim {
namespace {

// Calls f(Record{}) for every alternative of NeuronType, in order.
template <class F, std::size_t... I>
void for_each_record(F&& f, std::index_sequence<I...>) {
  (f(std::variant_alternative_t<I, NeuronType>{}), ...);
}
template <class F>
void for_each_record(F&& f) {
  for_each_record(f, std::make_index_sequence<std::variant_size_v<NeuronType>>{});
}

}  // namespace

std::string to_string(const NeuronType& type) {
  return std::visit([](const auto& t) { return std::string(t.name); }, type);
}

std::optional<NeuronType> neuron_type_named(std::string_view name) {
  std::optional<NeuronType> found;
  for_each_record([&](auto record) {
    if (record.name == name) found = record;
  });
  return found;
}

const std::vector<std::string>& neuron_type_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for_each_record([&](auto record) { v.emplace_back(record.name); });
    return v;
  }();
  return names;
}

bool is_spiking(const NeuronType& type) {
  return std::visit([](const auto& t) { return neurons::Spiking<std::decay_t<decltype(t)>>; }, type);
}

bool is_differentiable(const NeuronType& type) {
  return std::visit([](const auto& t) { return neurons::Differentiable<std::decay_t<decltype(t)>>; }, type);
}

bool has_state(const NeuronType& type) { return !state_variables(type).empty(); }

NeuronType rate_twin(const NeuronType& type) {
  return std::visit(
      [](const auto& t) -> NeuronType {
        if constexpr (neurons::Spiking<std::decay_t<decltype(t)>>) return t.rate_twin();
        else return t;
      },
      type);
}

std::span<const neurons::StateVariable> state_variables(const NeuronType& type) {
  return std::visit([](const auto& t) { return std::span<const neurons::StateVariable>(t.state); }, type);
}

int state_index(const NeuronType& type, std::string_view name) {
  const auto vars = state_variables(type);
  for (std::size_t i = 0; i < vars.size(); ++i)
    if (vars[i].name == name) return static_cast<int>(i);
  return -1;
}

std::string types_with_state(std::string_view name) {
  std::vector<std::string> with;
  for (const auto& type : neuron_type_names())
    if (state_index(*neuron_type_named(type), name) >= 0) with.push_back(type);
  std::string text;
  for (std::size_t i = 0; i < with.size(); ++i)
    text += (i == 0 ? "" : i + 1 == with.size() ? " and " : ", ") + with[i];
  return text;
}

std::vector<std::string> parameter_names(const NeuronType& type) {
  return std::visit(
      [](const auto& t) {
        std::vector<std::string> names;
        for (const auto& p : t.parameters) names.emplace_back(p.name);
        return names;
      },
      type);
}

bool set_parameter(NeuronType& type, std::string_view name, double value) {
  return std::visit(
      [&](auto& t) {
        for (const auto& p : t.parameters) {
          if (p.name == name) {
            t.*p.member = value;
            return true;
          }
        }
        return false;
      },
      type);
}

double* smoothing(NeuronType& type) {
  return std::visit(
      [](auto& t) -> double* {
        if constexpr (requires { t.smoothing; }) return &t.smoothing;
        else return nullptr;
      },
      type);
}

void check(const NeuronType& type, const std::string& where) {
  std::visit(
      [&](const auto& t) {
        for (const auto& p : t.parameters) {
          const double v = t.*p.member;
          const std::string prefix = where + ": " + std::string(p.name) + ": expected a number ";
          switch (p.bound) {
            case neurons::Bound::positive:
              if (!(v > 0.0) || !std::isfinite(v)) throw ValidationError(prefix + "> 0, got " + neurons::number_text(v));
              break;
            case neurons::Bound::non_negative:
              if (!(v >= 0.0) || !std::isfinite(v)) throw ValidationError(prefix + ">= 0, got " + neurons::number_text(v));
              break;
            case neurons::Bound::non_positive:  // -inf allowed: a voltage never clipped
              if (!(v <= 0.0)) throw ValidationError(prefix + "<= 0, got " + neurons::number_text(v));
              break;
          }
        }
      },
      type);
}

void gain_bias(const NeuronType& type, double max_rate, double intercept, const std::string& where, double& gain,
               double& bias) {
  std::visit([&](const auto& t) { t.gain_bias(max_rate, intercept, where, gain, bias); }, type);
}

double neuron_rate(const NeuronType& type, double J) {
  return std::visit([J](const auto& t) { return t.rate(J); }, type);
}

}  // namespace netsim
