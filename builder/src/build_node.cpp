#include "build_steps.h"
#include "netsim/builder/operators/activation_op.h"
#include "netsim/builder/operators/constant_op.h"
#include "netsim/builder/operators/dropout_op.h"
#include "netsim/builder/operators/function_ops.h"
#include "netsim/builder/operators/input_op.h"
#include "netsim/builder/operators/neurons_op.h"
#include "netsim/builder/operators/pooling_ops.h"
#include "netsim/builder/operators/reset_op.h"
#include "netsim/builder/operators/sequence_op.h"
#include "netsim/builder/operators/time_op.h"
#include "netsim/core/random.h"

#include <cmath>

namespace netsim::detail {
namespace {

// For a node whose output an operator computes from the sum of its inputs: the input
// signal (reset every step, then incremented by connections; returned) and the output
// signal (`out`), which the caller's operator sets. With an identity input, the input is
// that connection's source output itself (no reset, nothing increments it).
SignalId add_summed_input(Model& model, const Node& node, const std::string& origin, const Connection* identity_input,
                          SignalId& out) {
  if (!traits(node.kind()).input_apart)  // the identity_inputs planner asks the trait
    throw BuildError(origin + ": internal: kind '" + std::string(traits(node.kind()).name) + "' builds an input apart but its traits say not");
  SignalId in;
  if (identity_input) {
    in = model.node_output.at(identity_input->pre.name);
    model.rewrite_notes.push_back("node '" + node.name + "': reads '" + identity_input->pre.name +
                                  "' directly (its one input, an identity connection without synapse)");
  } else {
    in = model.signals.add(node.name + ".in", node.size_in);
    model.add<ResetOp>(origin, in);
  }
  out = model.signals.add(node.name + ".out", node.size_out);
  model.node_input[node.name] = in;
  return in;
}

// Lowers one node: an overload per kind's spec (node_kind.h), so a kind without one does
// not compile. Each returns the node's output signal.
struct NodeLowering {
  Model& model;
  const Node& node;
  const BuildOptions& options;
  const Connection* identity_input;
  std::string origin = "node '" + node.name + "'";

  SignalId own_output(Index size) const { return model.signals.add(node.name, size); }
  // The summed input (returned) and the output (`out`) of a kind whose input is apart.
  SignalId summed_input(SignalId& out) const { return add_summed_input(model, node, origin, identity_input, out); }

  SignalId operator()(const InputNode&) {
    const SignalId out = own_output(node.size_out);
    model.inputs.push_back(model.add<InputOp>(node.name, out, node.size_out));
    return out;
  }
  SignalId operator()(const ConstantNode& spec) {
    const SignalId out = own_output(node.size_out);
    model.add<ConstantOp>(origin, out, spec.value.cast<Scalar>());
    return out;
  }
  SignalId operator()(const SequenceNode& spec) {
    const SignalId out = own_output(node.size_out);
    model.add<SequenceOp>(origin, out, spec.rows.cast<Scalar>());
    return out;
  }
  SignalId operator()(const TimeNode&) {
    const SignalId out = own_output(1);
    model.add<TimeOp>(origin, out);
    return out;
  }
  SignalId operator()(const TimeFunctionNode& spec) {
    const SignalId out = own_output(node.size_out);
    model.add<TimeFunctionOp>(origin, spec.function, out, node.size_out);
    return out;
  }
  SignalId operator()(const FunctionNode& spec) {
    SignalId out = -1;
    const SignalId in = summed_input(out);
    model.add<FunctionOp>(origin, spec.function, in, out, node.size_in, node.size_out);
    return out;
  }
  SignalId operator()(const ProcessNode& spec) {
    const SignalId out = own_output(node.size_out);
    check(spec.process, node.size_out, options.dt, origin + ": " + to_string(spec.process));
    const auto signal = process_signal(spec.process, node.size_out, options.dt, spec.seed);
    const double dt = options.dt;
    model.add<TimeFunctionOp>(origin, [signal, dt](double t) { return signal(std::lround(t / dt)); }, out, node.size_out);
    return out;
  }
  SignalId operator()(const PassthroughNode&) {
    // Output and summed input are one signal: reset, then incremented by connections.
    const SignalId out = own_output(node.size_out);
    model.add<ResetOp>(origin, out);
    model.node_input[node.name] = out;
    return out;
  }
  SignalId operator()(const ActivationNode& spec) {
    SignalId out = -1;
    const SignalId in = summed_input(out);
    model.add<ActivationOp>(origin, spec.activation, in, out, node.size_out);
    return out;
  }
  SignalId operator()(const DropoutNode& spec) {
    SignalId out = -1;
    const SignalId in = summed_input(out);
    const std::uint64_t key = Rng::for_object(options.seed, node.name).below(~std::uint64_t{0});
    model.add<DropoutOp>(origin, in, out, node.size_out, spec.rate, key);
    return out;
  }
  SignalId operator()(const MaxPoolingNode& spec) {
    SignalId out = -1;
    const SignalId in = summed_input(out);
    model.add<MaxPoolingOp>(origin, in, out, spec.pooling);
    return out;
  }
  SignalId operator()(const NeuronsNode& spec) {
    SignalId out = -1;
    const SignalId in = summed_input(out);
    // Training runs a spiking type as its rate twin; lif's twin takes the run's SoftLIF
    // smoothing where it has none of its own, and with lif_exact_forward only the
    // gradient is smoothed.
    NeuronType type = options.rate_twins ? rate_twin(spec.type) : spec.type;
    const bool twin_of_spiking = options.rate_twins && is_spiking(spec.type);
    double* smoothed = smoothing(type);
    if (twin_of_spiking && smoothed && *smoothed == 0.0) *smoothed = options.lif_smoothing;
    const NeuronType gradient_type = type;  // what the backward pass differentiates
    if (twin_of_spiking && smoothed && options.lif_exact_forward) *smoothed = 0.0;
    SignalId voltage = -1;
    if (state_index(spec.type, "voltage") >= 0) {  // a voltage probe's signal; zero while running as the rate twin
      voltage = model.signals.add(node.name + ".voltage", node.size_out);
      model.node_voltage[node.name] = voltage;
      if (state_index(type, "voltage") < 0) model.add<ConstantOp>(origin, voltage, Vector::Zero(node.size_out));
    }
    // Each neuron's state, variable by variable: the given initial voltage, or uniform in
    // [0, 1) seeded per node (Nengo's default) for a variable that starts so; else zero.
    const auto variables = state_variables(type);
    const Index count = static_cast<Index>(variables.size());
    VectorD initial = VectorD::Zero(node.size_out * count);
    for (Index v = 0; v < count; ++v) {
      if (!variables[v].starts_uniform) continue;
      VectorD start = variables[v].name == "voltage" ? spec.initial_voltage : VectorD();
      if (start.size() == 0) {
        Rng rng = Rng::for_object(options.seed, node.name + ".initial_" + std::string(variables[v].name));
        start.resize(node.size_out);
        for (Index i = 0; i < start.size(); ++i) start[i] = rng.uniform(0.0, 1.0);
      }
      for (Index i = 0; i < node.size_out; ++i) initial[i * count + v] = start[i];
    }
    model.add<NeuronsOp>(origin, type, gradient_type, spec.gain, spec.bias, initial, in, out,
                         state_index(type, "voltage") >= 0 ? voltage : SignalId{-1}, options.dt);
    return out;
  }
};

}  // namespace

void build_node(Model& model, const Node& node, const BuildOptions& options, const Connection* identity_input) {
  model.node_output[node.name] = std::visit(NodeLowering{model, node, options, identity_input}, node.spec);
}

}  // namespace netsim::detail
