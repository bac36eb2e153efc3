#pragma once
// The toy recurrent network that the CLI tests, the memory tests and the fuzz sandbox
// write as a network file: x (1 input) -> h (tanh, fed back through a one-step delay) ->
// out (2 logits), probed at out as out_p (last sample only). It learns whether the sum of
// a sequence is positive. `sections` follows the probes (data:, train:, run:).

#include <string>

#include <netsim/core/network.h>

namespace netsim::test {

// The same network through the C++ API (8 hidden units), named "toy-rnn".
inline Network toy_rnn() {
  Network net("toy-rnn");
  auto x = net.input("x", 1);
  auto h = net.node("h", 8, Activation::tanh);
  auto out = net.node("out", 2);
  net.connect(x, h, {.transform = init::glorot_uniform()});
  net.connect(h, h, {.transform = init::orthogonal(), .synapse = Synapse::delay()});
  net.connect(h, out, {.transform = init::glorot_uniform()});
  net.probe(out, {.name = "out_p", .keep_history = false});
  return net;
}

inline std::string toy_network_yaml(int hidden, const std::string& sections) {
  return "netsim: 1\nname: toy\nseed: 4\ndt: 1.0\nnodes:\n  x: {input: 1}\n  h: {size: " + std::to_string(hidden) +
         ", activation: tanh}\n  out: {size: 2}\nconnections:\n"
         "  - {from: x, to: h, transform: {init: glorot_uniform}}\n"
         "  - {from: h, to: h, transform: {init: orthogonal}, synapse: 0}\n"
         "  - {from: h, to: out, transform: {init: glorot_uniform}}\n"
         "probes:\n  out_p: {target: out, keep_history: false}\n" +
         sections;
}

}  // namespace netsim::test
