#include "netsim/core/node.h"

#include <array>

#include "netsim/core/error.h"

namespace netsim {

std::string to_string(NodeKind kind) { return std::string(traits(kind).name); }

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

std::string Node::description() const {
  if (kind == NodeKind::max_pooling) return "max_pooling " + pooling.to_string();
  if (kind == NodeKind::dropout) return "dropout " + std::to_string(rate).substr(0, 4);
  if (kind == NodeKind::neurons) return to_string(neuron) + " neurons";
  return kind == NodeKind::activation ? to_string(activation) : to_string(kind);
}

}  // namespace netsim
