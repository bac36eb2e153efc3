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
// decoders, solve_decoders() finds them as Nengo's default solver does (LstsqL2).
//
//   auto a = netsim::networks::ensemble(net, "a", {.n_neurons = 50, .dimensions = 1, .seed = 3});
//   net.connect(u, a.value);
//   netsim::networks::connect_decoded(net, a, y, netsim::networks::solve_decoders(a), {.synapse = Synapse::lowpass(0.005)});

#include <cstdint>
#include <string>

#include "netsim/core/network.h"
#include "netsim/core/neuron_type.h"

namespace netsim::networks {

struct EnsembleOptions {
  Index n_neurons = 0;
  Index dimensions = 1;
  double radius = 1.0;
  NeuronType neuron_type;   // lif by default
  MatrixD encoders;         // n x d, used as given; empty: uniform on the unit sphere
  VectorD gain, bias;       // both, or neither:
  VectorD max_rates;        // empty: uniform in [200, 400) (Nengo's default)
  VectorD intercepts;       // empty: uniform in [-1, 0.9) (Nengo's default)
  VectorD initial_voltage;  // spiking types; empty: uniform in [0, 1) (when built)
  bool trainable = false;   // its bias trains (NengoDL's config[ens].trainable): see below
  std::uint64_t seed = 0;   // encoders and default rates and intercepts
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
};

// Adds the ensemble's nodes and encoder connection. Throws ValidationError("ensemble
// '<name>': <field>: expected ...") for bad options.
EnsemblePorts ensemble(Network& network, const std::string& name, const EnsembleOptions& options);

// Decoders (n x d) that read the identity out of the neurons' rates (the rate twin of
// spiking types), Nengo's LstsqL2: evaluation points uniform in the radius ball (seeded),
// D = (A^T A + m (reg max A)^2 I)^-1 A^T X over the m points, solved by Eigen. At most
// kMaxSolvedNeurons neurons (ValidationError beyond: give the decoders).
constexpr Index kMaxSolvedNeurons = 1000;
MatrixD solve_decoders(const EnsemblePorts& ensemble, double reg = 0.1, std::uint64_t seed = 0, Index eval_points = 0);

// The decoded connection ensemble -> post: from its neurons with the transform T D^T, T
// given by options.transform (identity, scalar, diagonal or dense, post x k). `dimensions`
// picks k of the d decoded dimensions (Nengo's a[0]: the columns of D); all by default.
// Named "NAME.neurons->post" unless options.name says.
const Connection& connect_decoded(Network& network, const EnsemblePorts& from, const NodeRef& post,
                                  const MatrixD& decoders, ConnectionOptions options = {}, const Slice& dimensions = {});

// A probe of the ensemble's decoded value (Nengo's Probe(ens)), as a YAML probe on the
// ensemble makes it: through a node NAME.decoded fed once by a fixed decoded connection
// with solved decoders; `dimensions` picks some of them. (A probe on `value` records the
// input sum instead.) Returns the probe's name.
std::string probe_decoded(Network& network, const EnsemblePorts& ensemble,
                          ProbeOptions options = {}, const Slice& dimensions = {});

}  // namespace netsim::networks
