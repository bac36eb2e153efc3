#pragma once
// A process node, Nengo's Node(process): its output is a seeded process's value at each
// step (core/process.h: white_signal, white_noise, piecewise, present_input), the same for
// every sequence of a minibatch (`{process: {white_signal: {period: 10, high: 5}}, size: 2}`).
// A source: its values are known ahead. The builder makes the signal for the run's dt.

#include <cstdint>
#include <string>

#include "netsim/core/node_kind_traits.h"
#include "netsim/core/process.h"
#include "netsim/core/types.h"

namespace netsim {

struct Node;

struct ProcessNode {
  static constexpr NodeKindTraits traits{
      .kind = NodeKind::process,
      .name = "process",
      .yaml_key = "process",
      .takes_input = false,
      .input_apart = false,
      .source = true,
      .stateful = false,
      .reads_data = false};
  Process process;
  std::uint64_t seed = 0;

  std::string description() const { return to_string(process); }
};

// Checks the process for `size` values (dt is checked when built); ValidationError naming
// the node otherwise.
Node make_process_node(const std::string& name, Index size, Process process, std::uint64_t seed);

}  // namespace netsim
