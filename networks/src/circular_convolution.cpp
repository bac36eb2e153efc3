#include "netsim/networks/circular_convolution.h"

#include <complex>
#include <numbers>

#include "netsim/core/error.h"
#include "netsim/core/random.h"

namespace netsim::networks {
namespace {

// Row w of the half DFT matrix: exp(-2 pi i w x / n), x = 0 .. n-1.
std::complex<double> dft(Index n, Index w, Index x) {
  return std::polar(1.0, -2.0 * std::numbers::pi * static_cast<double>(w * x % n) / static_cast<double>(n));
}

}  // namespace

MatrixD circular_convolution_transform_in(Index d, bool align_a, bool invert) {
  const Index rows = 4 * (d / 2 + 1);
  MatrixD t(rows, d);
  for (Index i = 0; i < rows; ++i) {
    // Frequency i / 4; A takes (re, im, re, im), B (re, im, im, re) of it, so that the
    // product's four pairs give re·re, im·im, re·im, im·re.
    const bool real = align_a ? i % 2 == 0 : (i % 4 == 0 || i % 4 == 3);
    for (Index x = 0; x < d; ++x) {
      std::complex<double> c = dft(d, i / 4, x);
      if (invert) c = std::conj(c);
      t(i, x) = real ? c.real() : c.imag();
    }
  }
  return t;
}

MatrixD circular_convolution_transform_out(Index d) {
  const Index half = d / 2 + 1;
  MatrixD t(4 * half, d);
  for (Index i = 0; i < half; ++i) {
    const double weight = (i == 0 || 2 * i == d) ? 1.0 : 2.0;  // the other half of the spectrum
    for (Index x = 0; x < d; ++x) {
      const std::complex<double> c = weight * std::conj(dft(d, i, x));
      t(4 * i + 0, x) = c.real();   // re a re b
      t(4 * i + 1, x) = -c.real();  // - im a im b
      t(4 * i + 2, x) = -c.imag();  // (re a im b + im a re b) times the imaginary part
      t(4 * i + 3, x) = -c.imag();
    }
  }
  return (t / static_cast<double>(d)).transpose();
}

CircularConvolutionPorts circular_convolution(Network& network, const std::string& name, const CircularConvolutionOptions& o) {
  if (o.dimensions < 1) throw ValidationError("circular_convolution '" + name + "': dimensions: expected a positive number");
  CircularConvolutionPorts c;
  const MatrixD out = circular_convolution_transform_out(o.dimensions);
  c.input_a = network.node(name + ".input_a", o.dimensions);
  c.input_b = network.node(name + ".input_b", o.dimensions);
  c.product = product(network, name + ".product",
                      {.n_neurons = o.n_neurons, .dimensions = out.cols(), .input_magnitude = 2.0 * o.input_magnitude,
                       .ensemble = o.ensemble, .seed = Rng::for_object(o.seed, name).below(std::uint64_t{1} << 62)});
  c.output = network.node(name + ".output", o.dimensions);
  network.connect(c.input_a, c.product.input_a, {.transform = Transform::dense(circular_convolution_transform_in(o.dimensions, true, o.invert_a))});
  network.connect(c.input_b, c.product.input_b, {.transform = Transform::dense(circular_convolution_transform_in(o.dimensions, false, o.invert_b))});
  network.connect(c.product.output, c.output, {.transform = Transform::dense(out)});
  return c;
}

}  // namespace netsim::networks
