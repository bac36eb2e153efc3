#pragma once
// The elementwise activations of activation nodes (node_kinds/activation.h).

#include <string>

namespace netsim {

enum class Activation { identity, tanh, relu, sigmoid };

std::string to_string(Activation activation);
// "tanh" -> Activation::tanh; throws ValidationError listing the known names otherwise.
Activation parse_activation(const std::string& name);

}  // namespace netsim
