#include "netsim/core/activation.h"

#include <array>

#include "netsim/core/error.h"

namespace netsim {

namespace {
constexpr std::array<std::pair<Activation, const char*>, 4> kActivationNames{{
    {Activation::identity, "identity"},
    {Activation::tanh, "tanh"},
    {Activation::relu, "relu"},
    {Activation::sigmoid, "sigmoid"},
}};
}  // namespace

std::string to_string(Activation activation) {
  for (const auto& [a, name] : kActivationNames)
    if (a == activation) return name;
  return "?";
}

Activation parse_activation(const std::string& name) {
  std::string known;
  for (const auto& [a, n] : kActivationNames) {
    if (name == n) return a;
    known += (known.empty() ? "" : ", ") + std::string(n);
  }
  throw ValidationError("activation: expected one of " + known + ", got \"" + name + "\"");
}

}  // namespace netsim
