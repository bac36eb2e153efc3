#pragma once
// The lowered form of a Network: signals, the operators that compute them, the
// parameters those operators use, and direct handles on the input and probe operators.
// Built by build_model(); scheduled by plan_schedule(); run by the Simulator.

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "netsim/builder/whole_run_op.h"
#include "netsim/builder/operator.h"
#include "netsim/builder/parameter.h"
#include "netsim/builder/rewrites.h"
#include "netsim/builder/signal_store.h"
#include "netsim/core/network.h"

namespace netsim {

class InputOp;
class ProbeOp;

struct BuildOptions {
  double dt = 0.001;        // seconds per step
  std::uint64_t seed = 0;   // initialisers draw from Rng::for_object(seed, connection name)
  RewriteOptions rewrites;  // time-parallel rewrites (rewrites.h)
  bool rate_twins = false;  // spiking neurons run as their rate twins (SimulatorOptions)
  double lif_smoothing = 0.0;  // with rate_twins (SimulatorOptions)
  bool lif_exact_forward = false;  // with rate_twins (SimulatorOptions)
};

class Model {
 public:
  Model() = default;
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;
  Model(Model&&) = default;
  Model& operator=(Model&&) = default;

  template <typename Op, typename... Args>
  Op* add(Args&&... args) {
    auto op = std::make_unique<Op>(std::forward<Args>(args)...);
    Op* raw = op.get();
    operators.push_back(std::move(op));
    return raw;
  }
  const Parameter* add_parameter(Parameter p);
  const Parameter* find_parameter(const std::string& name) const;
  Parameter* find_parameter(const std::string& name);

  std::string network_name;
  double dt = 0.001;
  SignalStore signals;
  std::vector<std::unique_ptr<Operator>> operators;
  std::vector<std::unique_ptr<Parameter>> parameters;  // stable addresses for operators
  std::vector<InputOp*> inputs;
  std::vector<ProbeOp*> probes;
  // Per node: the signal that holds its output and the one its connections add into
  // (the same signal for a passthrough node).
  std::unordered_map<std::string, SignalId> node_output;
  std::unordered_map<std::string, SignalId> node_input;
  std::unordered_map<std::string, SignalId> node_voltage;  // spiking neurons nodes: their voltage

  // Time-parallel rewrites (rewrites.h): the whole-run work; where each operator runs is
  // its Operator::phase().
  std::vector<std::unique_ptr<WholeRunOp>> whole_run_ops;
  // What each rewrite did or why it did not apply, one line each (netsim describe).
  std::vector<std::string> rewrite_notes;
};

// Lowers a (valid) Network. Throws BuildError for an algebraic loop (a cycle of
// synapse-none connections), naming its nodes and connections.
Model build_model(const Network& network, const BuildOptions& options);

// The first step of build_model on its own: throws AlgebraicLoopError naming one cycle of
// synapse-none connections, if there is one. For tools that check a description without
// building it (netsim validate).
void check_algebraic_loops(const Network& network);

}  // namespace netsim
