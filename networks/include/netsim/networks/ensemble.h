#pragma once
// An ensemble of neurons in the style of Nengo (docs/neurons.md), built from ordinary nodes
// and connections, like the LMU:
//
//   NAME           passthrough (dimensions): x, the sum of what connections into the
//                  ensemble bring (after their synapses)
//   NAME.neurons   neurons node (n_neurons, neuron_type.h): a = f(bias + gain * in)
//   NAME -> NAME.neurons   "NAME.encoders": encoders / radius (n x d), fixed, no synapse
//
// With `trainable`, the bias moves out of the neurons node onto a trainable connection
// "NAME.bias" from a constant node "NAME.one" (value 1) into NAME.neurons, whose weights
// (n x 1) are bias / gain (the gain multiplies whatever enters the neurons), so BPTT trains
// it like any weight; every gain must then be nonzero.
//
// so each neuron's current is J = bias + (gain / radius) (e . x) + gain * (what connections
// into NAME.neurons bring): Nengo's. A connection *out of* the ensemble decodes: its
// neurons' output through decoders D (n x d), then its transform: connect_decoded() makes
// that one connection from NAME.neurons with the transform T D^T (post x n). Without
// decoders, solve_decoders() finds them with a solver (solver.h; LstsqL2 by default), for
// the identity or a function of the value (connect_function).
//
//   auto a = netsim::networks::ensemble(net, "a", {.n_neurons = 50, .dimensions = 1, .seed = 3});
//   net.connect(u, a.value);
//   netsim::networks::connect_decoded(net, a, y, netsim::networks::solve_decoders(a), {.synapse = Synapse::lowpass(0.005)});

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "netsim/core/network.h"
#include "netsim/core/neuron_type.h"
#include "netsim/core/process.h"
#include "netsim/core/distribution.h"
#include "netsim/networks/solver.h"

namespace netsim::networks {

// Every random choice of an ensemble (encoders, max_rates, intercepts, evaluation points,
// initial voltages) comes from its seed, each from a stream of its own (so giving one of
// them does not change the others). Nengo's defaults: encoders scattered on the unit
// sphere, max_rates uniform in [200, 400), intercepts uniform in [-1, 0.9), evaluation
// points scattered in the ball, initial voltages uniform in [0, 1).
struct EnsembleOptions {
  Index n_neurons = 0;
  Index dimensions = 1;
  double radius = 1.0;
  NeuronType neuron_type;   // lif by default
  MatrixD encoders;         // n x d, given (each row normalised, as Nengo does); empty: drawn
  Distribution encoder_distribution = ScatteredHypersphere{.surface = true};
  VectorD gain, bias;       // both, or neither:
  VectorD max_rates;        // empty: drawn
  Distribution max_rate_distribution = Uniform{200.0, 400.0};
  VectorD intercepts;       // empty: drawn
  Distribution intercept_distribution = Uniform{-1.0, 0.9};
  VectorD initial_voltage;  // spiking types; empty: uniform in [0, 1)
  MatrixD eval_points;      // m x d in units of the radius (multiplied by it); empty: drawn
  Distribution eval_point_distribution = ScatteredHypersphere{};
  Index n_eval_points = 0;  // drawn points; 0: Nengo's max(clip(500 d, 750, 2500), 2 n)
  bool trainable = false;   // its bias trains (NengoDL's config[ens].trainable): see below
  std::uint64_t seed = 0;
  // Nengo's Ensemble(noise=...): a process (one value per neuron, seeded by the ensemble)
  // added to the neurons' input currents: a process node NAME.noise into NAME.neurons
  // through 1/gain (the neurons node applies the gains); every gain must be nonzero.
  std::optional<Process> noise;
};

struct EnsemblePorts {
  std::string name;
  NodeRef value;    // connect into the ensemble here
  NodeRef neurons;  // connect into or out of its neurons here
  Index n_neurons = 0, dimensions = 0;
  double radius = 1.0;
  NeuronType neuron_type;
  MatrixD encoders;        // n x d, unit rows
  VectorD gain, bias;
  MatrixD eval_points;     // m x d, in the ensemble's units (radius applied)
  std::uint64_t seed = 0;
};

// Adds the ensemble's nodes and encoder connection. Throws ValidationError("ensemble
// '<name>': <field>: expected ...") for bad options.
EnsemblePorts ensemble(Network& network, const std::string& name, const EnsembleOptions& options);

// A decoded connection's function of the (picked dimensions of the) ensemble's value,
// Nengo's Connection(function=...); the decoders are solved for it at the evaluation points.
using DecodedFunction = std::function<VectorD(const VectorD& x)>;

struct Decoding {
  DecodedFunction function;  // empty: the identity
  Solver solver;             // LstsqL2, reg 0.1 (Nengo's default)
};

// Decoders (n x k, k the function's size) of f out of the neurons' rates (the rate twin of
// spiking types) at the ensemble's evaluation points: solve(solver, A, f(X)). The
// dimensions f reads: `dimensions` of the ensemble's (all by default).
MatrixD solve_decoders(const EnsemblePorts& ensemble, const Decoding& decoding = {}, const Slice& dimensions = {});

// The decoded connection ensemble -> post: from its neurons with the transform T D^T, T
// given by options.transform (identity, scalar, diagonal or dense, post x k). `dimensions`
// picks k of the d decoded dimensions (Nengo's a[0]: the columns of D); all by default.
// Named "NAME.neurons->post" unless options.name says.
const Connection& connect_decoded(Network& network, const EnsemblePorts& from, const NodeRef& post,
                                  const MatrixD& decoders, ConnectionOptions options = {}, const Slice& dimensions = {});

// The same with decoders already picked (n x k, k the post side of the transform); the
// connection keeps ensemble ports' naming (NAME->post unless options.name).
const Connection& connect_decoded_columns(Network& network, const EnsemblePorts& from, const NodeRef& post,
                                          const MatrixD& decoders, ConnectionOptions options = {});

// Nengo's Connection(from[dimensions], post, function=, solver=, transform=): the decoders
// solved, then connect_decoded. With solver.weights, `post` must be ensemble `to`'s value
// (or a slice of it) and the connection goes neuron to neuron: W = E_post T D^T / radius
// (the post's gains apply in its neurons node); the non-negative solvers solve for W
// directly, against targets through T and the post's scaled encoders.
const Connection& connect_function(Network& network, const EnsemblePorts& from, const NodeRef& post, const Decoding& decoding,
                                   ConnectionOptions options = {}, const Slice& dimensions = {},
                                   const EnsemblePorts* to = nullptr);

// A probe of the ensemble's decoded value (Nengo's Probe(ens)), as a YAML probe on the
// ensemble makes it: through a node NAME.decoded fed once by a fixed decoded connection
// with solved decoders; `dimensions` picks some of them. (A probe on `value` records the
// input sum instead.) Returns the probe's name.
std::string probe_decoded(Network& network, const EnsemblePorts& ensemble,
                          ProbeOptions options = {}, const Slice& dimensions = {});

}  // namespace netsim::networks
