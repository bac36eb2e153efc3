// Activation forward values by hand and VJPs against central differences.

#include <doctest/doctest.h>

#include <cmath>

#include <netsim/netsim.h>
#include <netsim/nodes/activation.h>

namespace netsim::test {

TEST_CASE("activation: forward values") {
  Matrix in(1, 4);
  in << -2.0f, -0.5f, 0.0f, 1.5f;
  Matrix out(1, 4);
  nodes::activation_forward(Activation::tanh, in, out);
  CHECK(out(0, 0) == doctest::Approx(std::tanh(-2.0)));
  nodes::activation_forward(Activation::relu, in, out);
  CHECK(out == (Matrix(1, 4) << 0.0f, 0.0f, 0.0f, 1.5f).finished());
  nodes::activation_forward(Activation::sigmoid, in, out);
  CHECK(out(0, 3) == doctest::Approx(1.0 / (1.0 + std::exp(-1.5))));
  nodes::activation_forward(Activation::identity, in, out);
  CHECK(out == in);
}

TEST_CASE("activation: vjp matches central differences") {
  for (Activation f : {Activation::identity, Activation::tanh, Activation::relu, Activation::sigmoid}) {
    CAPTURE(to_string(f));
    Matrix in(2, 3);
    in << -1.3f, -0.4f, 0.2f, 0.7f, 1.1f, 2.0f;  // away from relu's kink
    Matrix grad_out(2, 3);
    grad_out << 0.5f, -1.0f, 2.0f, 1.5f, -0.25f, 0.75f;
    Matrix out(2, 3), grad_in = Matrix::Constant(2, 3, 0.25f);  // vjp accumulates
    nodes::activation_forward(f, in, out);
    nodes::activation_vjp(f, in, out, grad_out, grad_in);
    const float h = 1e-3f;
    for (Index i = 0; i < in.size(); ++i) {
      Matrix plus = in, minus = in, out_plus(2, 3), out_minus(2, 3);
      plus.data()[i] += h;
      minus.data()[i] -= h;
      nodes::activation_forward(f, plus, out_plus);
      nodes::activation_forward(f, minus, out_minus);
      const double numeric = (out_plus - out_minus).cwiseProduct(grad_out).sum() / (2.0 * h);
      CHECK(grad_in.data()[i] - 0.25f == doctest::Approx(numeric).epsilon(2e-3));
    }
  }
}

TEST_CASE("activation: parse names") {
  CHECK(parse_activation("tanh") == Activation::tanh);
  CHECK_THROWS_WITH_AS(parse_activation("gelu"), "activation: expected one of identity, tanh, relu, sigmoid, got \"gelu\"", ValidationError);
}

}  // namespace netsim::test
