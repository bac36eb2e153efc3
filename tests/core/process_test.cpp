// Processes (core/process.h) against their definitions, and process nodes and ensemble
// noise read from network files. netsim draws from its own random stream, so the random
// processes are checked by their statistics, not against Nengo's samples: a white
// signal's RMS, band limit, period and y0 start; white noise's mean, spread and scaling.
#include <doctest/doctest.h>

#include <cmath>
#include <complex>
#include <numbers>

#include <netsim/config/network_file.h>
#include <netsim/core/error.h>
#include <netsim/core/process.h>
#include <netsim/netsim.h>

#include "scratch_dir.h"

namespace netsim::test {

TEST_CASE("processes: a white signal has its RMS, no power above its band, its period and its start") {
  const double dt = 0.001;
  for (const double high : {5.0, 40.0}) {
    CAPTURE(high);
    const WhiteSignal w{.period = 2.0, .high = high, .rms = 0.3};
    const auto signal = process_signal(w, 2, dt, 11);
    const long n = 2000;
    MatrixD x(n, 2);
    for (long k = 1; k <= n; ++k) x.row(k - 1) = signal(k).transpose();
    for (Index i = 0; i < 2; ++i) {
      CHECK(std::sqrt(x.col(i).squaredNorm() / static_cast<double>(n)) == doctest::Approx(0.3).epsilon(0.25));
      CHECK(std::abs(x.col(i).mean()) < 1e-12);  // no zero-frequency part
      // The DFT of one period: nothing above `high` (frequency j / period).
      double inside = 0.0, outside = 0.0;
      for (long j = 1; j <= n / 2; ++j) {
        std::complex<double> c = 0.0;
        for (long k = 0; k < n; ++k) c += x(k, i) * std::polar(1.0, -2.0 * std::numbers::pi * static_cast<double>(j * k % n) / static_cast<double>(n));
        (static_cast<double>(j) / 2.0 <= high ? inside : outside) += std::norm(c);
      }
      CHECK(outside < 1e-18 * inside);
    }
    CHECK(signal(7).isApprox(signal(7 + n)));  // periodic
    CHECK(!signal(7).isApprox(process_signal(w, 2, dt, 12)(7)));  // seeded
  }
  const auto started = process_signal(WhiteSignal{.period = 1.0, .high = 5.0, .rms = 0.5, .y0 = 0.2}, 1, 0.001, 3);
  const auto plain = process_signal(WhiteSignal{.period = 1.0, .high = 5.0, .rms = 0.5}, 1, 0.001, 3);
  double nearest = 1e9;
  for (long k = 1; k <= 1000; ++k) nearest = std::min(nearest, std::abs(plain(k)[0] - 0.2));
  CHECK(std::abs(started(1)[0] - 0.2) == doctest::Approx(nearest));
  CHECK_THROWS_WITH_AS(check(Process{WhiteSignal{.period = 1.0, .high = 600.0}}, 1, 0.001, "p"),
                       doctest::Contains("p: high: expected a frequency in (0, 500"), ValidationError);
}

TEST_CASE("processes: white noise is a fresh draw every step, scaled by 1 / sqrt(dt)") {
  const double dt = 0.0025;
  const auto noise = process_signal(WhiteNoise{}, 3, dt, 5);
  const long n = 20000;
  double sum = 0.0, squares = 0.0;
  for (long k = 1; k <= n; ++k) {
    const VectorD v = noise(k);
    sum += v.sum();
    squares += v.squaredNorm();
  }
  const double m = static_cast<double>(3 * n);
  CHECK(std::abs(sum / m) < 0.05 / std::sqrt(dt));
  CHECK(std::sqrt(squares / m) == doctest::Approx(1.0 / std::sqrt(dt)).epsilon(0.02));
  CHECK(noise(17).isApprox(noise(17)));   // a function of the step
  CHECK(!noise(17).isApprox(noise(18)));
  const auto unscaled = process_signal(WhiteNoise{.dist = Uniform{0.0, 1.0}, .scale = false}, 1, dt, 5);
  for (long k = 1; k < 100; ++k) CHECK((unscaled(k)[0] >= 0.0 && unscaled(k)[0] < 1.0));
}

TEST_CASE("processes: piecewise and present_input follow Nengo's step rules") {
  const double dt = 0.1;
  MatrixD values(2, 1);
  values << 1.0, 2.0;
  const auto pw = process_signal(Piecewise{{0.25, 0.5}, values}, 1, dt, 0);
  // t = k dt; the last piece starting before t + dt/2 holds (zero before the first). The
  // values Nengo 4.1 gives for these two processes at dt 0.1 (run by hand).
  const double want_pw[] = {0, 0, 1, 1, 2, 2, 2};
  for (long k = 1; k <= 7; ++k) CHECK(pw(k)[0] == want_pw[k - 1]);
  MatrixD inputs(3, 1);
  inputs << 10.0, 20.0, 30.0;
  const auto pi = process_signal(PresentInput{inputs, 0.2}, 1, dt, 0);  // Nengo: 10 10 20 20 30 30 10
  const double expected[] = {10, 10, 20, 20, 30, 30, 10};
  for (long k = 1; k <= 7; ++k) CHECK(pi(k)[0] == expected[k - 1]);
}

TEST_CASE("processes: process nodes and ensemble noise from a network file") {
  const ScratchDir dir;
  const auto file = config::load_network_file(dir.write("p.yaml", R"yaml(netsim: 1
dt: 0.1
seed: 4
nodes:
  steps: {process: {present_input: {values: [[1, 2], [3, 4]], presentation_time: 0.2}}}
  pw: {process: {piecewise: {0: 1, 0.35: -1}}}   # Nengo 4.1 at dt 0.1: 1 1 -1 -1 -1
  sig: {process: {white_signal: {period: 2, high: 2}}, size: 3}
  quiet: {ensemble: {n_neurons: 5, neuron_type: lif_rate, gain: [1, 1, 1, 1, 1], bias: [0, 0, 0, 0, 0]}}
  noisy: {ensemble: {n_neurons: 5, neuron_type: lif_rate, gain: [1, 2, 1, 2, 1], bias: [0, 0, 0, 0, 0],
                     noise: {white_noise: {dist: {gaussian: [3, 0.1]}, scale: false}}}}
probes:
  steps_p: steps
  pw_p: pw
  sig_p: sig
  quiet_p: quiet.neurons
  noisy_p: noisy.neurons
)yaml"));
  CHECK(file.network.find_node("sig")->size_out == 3);
  Simulator sim(file.network, file.simulator_options(2));
  sim.run_steps(5);
  const Array3 steps = sim.probe_data("steps_p"), pw = sim.probe_data("pw_p"), quiet = sim.probe_data("quiet_p"),
               noisy = sim.probe_data("noisy_p");
  const float want_steps[] = {1, 1, 3, 3, 1}, want_pw[] = {1, 1, -1, -1, -1};
  for (Index b = 0; b < 2; ++b)
    for (Index k = 0; k < 5; ++k) {
      CHECK(steps(b, k, 0) == want_steps[k]);
      CHECK(steps(b, k, 1) == want_steps[k] + 1);
      CHECK(pw(b, k, 0) == want_pw[k]);
      for (Index i = 0; i < 5; ++i) {
        CHECK(quiet(b, k, i) == 0.0f);  // J = 0: silent
        CHECK(noisy(b, k, i) > 0.0f);   // J ~ 3 from the noise (through 1/gain): firing
      }
    }
  // A file seed change changes the signal; the node's own seed pins it.
  const auto reseeded = config::load_network_file(dir.write("q.yaml", R"yaml(netsim: 1
dt: 0.1
seed: 5
nodes:
  sig: {process: {white_signal: {period: 2, high: 2}}, size: 3}
probes:
  sig_p: sig
)yaml"));
  Simulator other(reseeded.network, reseeded.simulator_options(1));
  other.run_steps(5);
  CHECK(std::abs(other.probe_data("sig_p")(0, 2, 0) - sim.probe_data("sig_p")(0, 2, 0)) > 1e-6);
}

}  // namespace netsim::test
