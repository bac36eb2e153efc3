#pragma once
// A Legendre Memory Unit built from ordinary nodes and connections, with KerasLMU's
// parameters, laid out as the NengoDL psMNIST seed draws it (names under `prefix`):
//
//   x (input_size, passthrough) ──encoders──► u (memory_d) ──B──► m (memory_d·order)
//                                               ▲  ▲                 │  ▲ A, synapse 0
//                          hidden_encoders, 0 ──┘  └── memory_encoders, 0 ─┘
//   h (units, tanh) = tanh(W_m m[k] + W_h h[k-1] + W_x x[k])   (W_x: input_to_hidden)
//
// A and B are fixed (trainable_a/b false) discretisations of the Legendre system
// (lmu_matrices.h), one copy per memory dimension. Connections keep their default names
// ("lmu.m->lmu.h", ...), so weights saved from a network file that builds the same
// nodes by hand load into this one and back.
//
//   auto lmu = netsim::networks::lmu(net, "lmu", {.order = 256, .theta = 784, .units = 212,
//                                                  .input_to_hidden = true});
//   net.connect(x, lmu.input);
//   net.connect(lmu.hidden, out, {.transform = netsim::init::glorot_uniform()});

#include <string>

#include "netsim/core/initializer.h"
#include "netsim/core/network.h"
#include "netsim/networks/lmu_matrices.h"

namespace netsim::networks {

struct LmuOptions {
  Index input_size = 1;
  Index memory_d = 1;
  Index order = 256;
  double theta = 784;                   // in steps (dt = 1)
  Index units = 212;                    // tanh units; 0: no hidden cell (hidden = memory)
  bool hidden_to_memory = false;
  bool memory_to_memory = false;
  bool input_to_hidden = false;
  Discretizer discretizer = Discretizer::zoh;
  Initializer input_encoders = init::ones();      // x -> u (KerasLMU's psMNIST seed: ones)
  Initializer hidden_encoders = init::glorot_uniform();  // h -> u
  Initializer memory_encoders = init::zeros();    // m -> u
  Initializer kernel = init::glorot_uniform();    // m -> h and x -> h
  Initializer recurrent = init::orthogonal();     // h -> h (Keras SimpleRNN's default)
  bool trainable_encoders = true;
  bool trainable_a = false, trainable_b = false;
};

// The nodes other objects connect to.
struct LmuPorts {
  NodeRef input;   // x
  NodeRef memory;  // m
  NodeRef hidden;  // h (m when units == 0)
};

// Adds the LMU's nodes and connections to `network` under `prefix`. Throws
// ValidationError("lmu '<prefix>': <field>: expected ...") for bad options.
LmuPorts lmu(Network& network, const std::string& prefix, const LmuOptions& options);

}  // namespace netsim::networks
