// Nengo's networks (networks/ensemble_array.h, product.h, circular_convolution.h,
// integrator.h, input_gated_memory.h, action_selection.h) from network files: each does its
// job within the accuracy of its neurons, and the circular convolution's transforms compute
// the circular convolution exactly.
#include <doctest/doctest.h>

#include <cmath>
#include <complex>
#include <numbers>

#include <netsim/config/network_file.h>
#include <netsim/netsim.h>
#include <netsim/networks/circular_convolution.h>

#include "scratch_dir.h"

namespace netsim::test {
namespace {

// Runs `yaml` for `steps` and returns probe `probe` at its last sample (sequence 0).
VectorD last_value(const std::string& yaml, long steps, const std::string& probe) {
  const ScratchDir dir;
  const auto file = config::load_network_file(dir.write("net.yaml", yaml));
  Simulator sim(file.network, file.simulator_options(1));
  sim.run_steps(steps);
  const Array3 p = sim.probe_data(probe);
  VectorD v(p.dim(2));
  for (Index i = 0; i < v.size(); ++i) v[i] = p(0, p.dim(1) - 1, i);
  return v;
}

}  // namespace

TEST_CASE("NEF networks: an ensemble array represents its input, with extra outputs") {
  const VectorD v = last_value(R"yaml(netsim: 1
nodes:
  u: {constant: [0.5, -0.3, 0.8, 0.0]}
networks:
  ea: {kind: ensemble_array, n_neurons: 80, n_ensembles: 4, ensemble: {neuron_type: lif_rate}, outputs: {square: "x^2"}}
connections:
  - {from: u, to: ea.input}
probes:
  out: {target: ea.output, synapse: 0.01}
  sq: {target: ea.square, synapse: 0.01}
  e1: {target: ea.e1, synapse: 0.01}
)yaml", 200, "out");
  const double want[] = {0.5, -0.3, 0.8, 0.0};
  for (Index i = 0; i < 4; ++i) CHECK(v[i] == doctest::Approx(want[i]).epsilon(0.0).scale(1.0).epsilon(0.05));
}

TEST_CASE("NEF networks: product, integrator and oscillator do their arithmetic") {
  const VectorD p = last_value(R"yaml(netsim: 1
nodes:
  a: {constant: [0.6, -0.5]}
  b: {constant: [0.7, 0.8]}
networks:
  prod: {kind: product, n_neurons: 200, dimensions: 2, ensemble: {neuron_type: lif_rate}}
connections:
  - {from: a, to: prod.input_a}
  - {from: b, to: prod.input_b}
probes:
  p: {target: prod.output, synapse: 0.01}
)yaml", 200, "p");
  CHECK(std::abs(p[0] - 0.42) < 0.05);
  CHECK(std::abs(p[1] + 0.40) < 0.05);
  // dx/dt = u: 0.5 for 1 s from 0.
  const VectorD x = last_value(R"yaml(netsim: 1
nodes:
  u: {process: {piecewise: {0: 0.5, 1.0: 0}}}
networks:
  integ: {kind: integrator, recurrent_tau: 0.1, n_neurons: 200, ensemble: {neuron_type: lif_rate}}
connections:
  - {from: u, to: integ.input}
probes:
  x: {target: integ.output, synapse: 0.01}
)yaml", 1200, "x");
  CHECK(std::abs(x[0] - 0.5) < 0.1);
  // A kick starts a rotation at ω = 2π rad/s: a quarter turn later the state is mostly in
  // the other dimension.
  const std::string oscillator = R"yaml(netsim: 1
nodes:
  kick: {process: {piecewise: {0: [6, 0], 0.1: [0, 0]}}}    # through τ: about 0.6
networks:
  osc: {kind: oscillator, recurrent_tau: 0.1, frequency: 6.283185307, n_neurons: 400, ensemble: {neuron_type: lif_rate}}
connections:
  - {from: kick, to: osc.input}
probes:
  s: {target: osc.output, synapse: 0.01}
)yaml";
  const VectorD s0 = last_value(oscillator, 100, "s"), s1 = last_value(oscillator, 350, "s");
  CAPTURE(s0);
  CAPTURE(s1);
  CHECK(s0.norm() > 0.3);
  CHECK(s1.norm() > 0.3);
  const double turned = std::arg(std::complex<double>(s1[0], s1[1]) / std::complex<double>(s0[0], s0[1]));
  CHECK(std::abs(turned - std::numbers::pi / 2) < 0.5);  // 0.25 s at 1 Hz, Nengo's counter-clockwise
}

TEST_CASE("NEF networks: the input-gated memory follows while open and holds while gated") {
  const std::string memory = R"yaml(netsim: 1
nodes:
  u: {process: {piecewise: {0: 0.5, 0.5: -0.5}}}
  gate: {process: {piecewise: {0: 0, 0.5: 1}}}
networks:
  mem: {kind: input_gated_memory, n_neurons: 100, dimensions: 1, ensemble: {neuron_type: lif_rate}}
connections:
  - {from: u, to: mem.input}
  - {from: gate, to: mem.gate}
probes:
  m: {target: mem.output, synapse: 0.01}
)yaml";
  CHECK(std::abs(last_value(memory, 500, "m")[0] - 0.5) < 0.1);   // followed the input
  CHECK(std::abs(last_value(memory, 1000, "m")[0] - 0.5) < 0.15); // held it against -0.5
}

TEST_CASE("NEF networks: basal ganglia and thalamus select the largest input") {
  const std::string bg = R"yaml(netsim: 1
nodes:
  u: {constant: [0.4, 0.8, 0.5]}
networks:
  bg: {kind: basal_ganglia, dimensions: 3, n_neurons_per_ensemble: 50, ensemble: {neuron_type: lif_rate}}
  thal: {kind: thalamus, dimensions: 3, n_neurons_per_ensemble: 50, ensemble: {neuron_type: lif_rate}}
connections:
  - {from: u, to: bg.input}
  - {from: bg.output, to: thal.input}
probes:
  out: {target: bg.output, synapse: 0.01}
  act: {target: thal.output, synapse: 0.01}
)yaml";
  const VectorD out = last_value(bg, 300, "out"), act = last_value(bg, 300, "act");
  CAPTURE(out);
  CAPTURE(act);
  CHECK(out[1] > out[0] + 0.3);  // the selected action is released (near 0), the others inhibited
  CHECK(out[1] > out[2] + 0.3);
  CHECK(act[1] > 0.5);
  CHECK(act[0] < 0.2);
  CHECK(act[2] < 0.2);
}

TEST_CASE("NEF networks: the circular convolution's transforms compute a ⊛ b and its inverses exactly") {
  Rng rng(4);
  for (const Index d : {1, 4, 7, 16}) {
    VectorD a(d), b(d);
    for (Index i = 0; i < d; ++i) {
      a[i] = rng.normal();
      b[i] = rng.normal();
    }
    for (const bool invert_a : {false, true}) {
      for (const bool invert_b : {false, true}) {
        const VectorD pa = networks::circular_convolution_transform_in(d, true, invert_a) * a;
        const VectorD pb = networks::circular_convolution_transform_in(d, false, invert_b) * b;
        const VectorD got = networks::circular_convolution_transform_out(d) * pa.cwiseProduct(pb);
        // c[k] = sum_j a'[j] b'[k - j], a' the involution a[-j] when inverted.
        VectorD want = VectorD::Zero(d);
        for (Index k = 0; k < d; ++k)
          for (Index j = 0; j < d; ++j) {
            const double aj = invert_a ? a[(d - j) % d] : a[j];
            const double bk = invert_b ? b[(d - (k - j + d) % d) % d] : b[(k - j + d) % d];
            want[k] += aj * bk;
          }
        CAPTURE(d);
        CAPTURE(invert_a);
        CAPTURE(invert_b);
        CHECK((got - want).cwiseAbs().maxCoeff() < 1e-10);
      }
    }
  }
}

}  // namespace netsim::test
