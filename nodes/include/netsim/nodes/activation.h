#pragma once
// Elementwise activations of an activation node: out = f(in), and their vector-Jacobian
// products grad_in += f'(in) * grad_out (elementwise, accumulated).
//   identity  f(x) = x                    f' = 1
//   tanh      f(x) = tanh x               f' = 1 - f^2
//   relu      f(x) = max(x, 0)            f' = [x > 0] = [f(x) > 0]
//   sigmoid   f(x) = 1 / (1 + e^-x)       f' = f (1 - f)
// All blocks are [rows x size] and must have equal shapes.

#include "netsim/core/node.h"
#include "netsim/core/types.h"

namespace netsim::nodes {

using ConstBlock = Eigen::Ref<const Matrix>;
using Block = Eigen::Ref<Matrix>;

void activation_forward(Activation f, ConstBlock in, Block out);

// grad_in += f'(in) * grad_out. `out` is f(in) as computed by activation_forward: tanh and
// sigmoid and relu use only `out` (so the history keeps one signal where a max-pooling
// node reads the same output), identity neither (activation_vjp_needs).
void activation_vjp(Activation f, ConstBlock in, ConstBlock out, ConstBlock grad_out,
                    Block grad_in);

struct ActivationVjpNeeds {
  bool in = false, out = false;
};
ActivationVjpNeeds activation_vjp_needs(Activation f);

}  // namespace netsim::nodes
