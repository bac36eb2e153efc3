#include "netsim/nodes/activation.h"

namespace netsim::nodes {

void activation_forward(Activation f, ConstBlock in, Block out) {
  switch (f) {
    case Activation::identity: out = in; break;
    case Activation::tanh: out.array() = in.array().tanh(); break;
    case Activation::relu: out.array() = in.array().max(Scalar(0)); break;
    case Activation::sigmoid: out.array() = Scalar(1) / (Scalar(1) + (-in.array()).exp()); break;
  }
}

void activation_vjp(Activation f, ConstBlock /*in: no kind needs it today*/, ConstBlock out, ConstBlock grad_out,
                    Block grad_in) {
  switch (f) {
    case Activation::identity: grad_in += grad_out; break;
    case Activation::tanh:
      grad_in.array() += (Scalar(1) - out.array().square()) * grad_out.array();
      break;
    case Activation::relu:
      grad_in.array() += (out.array() > Scalar(0)).select(grad_out.array(), Scalar(0));  // out > 0 iff in > 0
      break;
    case Activation::sigmoid:
      grad_in.array() += out.array() * (Scalar(1) - out.array()) * grad_out.array();
      break;
  }
}

ActivationVjpNeeds activation_vjp_needs(Activation f) {
  switch (f) {
    case Activation::identity: return {};
    case Activation::relu:
    case Activation::tanh:
    case Activation::sigmoid: return {.out = true};
  }
  return {.in = true, .out = true};
}

}  // namespace netsim::nodes
