#pragma once
// A probe records a node's output at the end of each (sampled) step.
//   synapse       filters what is recorded, exactly like a connection synapse
//   sample_every  record step k iff fmod(k, sample_every/dt) < 1 (Nengo's rule)
//   keep_history  false: keep only the last recorded sample (e.g. logits for a loss)

#include <optional>
#include <string>
#include <vector>

#include "netsim/core/node_ref.h"
#include "netsim/core/synapse.h"
#include "netsim/core/types.h"

namespace netsim {

// What a probe records of its target: its output, or the voltage of spiking neurons.
enum class ProbeAttribute { output, voltage };

struct ProbeOptions {
  std::string name;                    // default: "<target>_probe"
  std::optional<double> sample_every;  // seconds; default: every step
  Synapse synapse;                     // none by default
  bool keep_history = true;
  ProbeAttribute attribute = ProbeAttribute::output;  // voltage: neurons of a type with a voltage (lif, ...)
};

struct Probe {
  std::string name;
  NodeRef target;
  std::vector<int> indices;  // resolved slice of the target's output
  std::optional<double> sample_every;
  Synapse synapse;
  bool keep_history = true;
  ProbeAttribute attribute = ProbeAttribute::output;

  Index size() const { return static_cast<Index>(indices.size()); }
  std::string where() const { return "probe '" + name + "'"; }
};

}  // namespace netsim
