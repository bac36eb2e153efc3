#pragma once
// A neurons node (core/neuron_type.h, nodes/neuron_step.h): J = bias + gain * in, then
// each neuron's type turns J into its output.
//   reads: in     sets: out (and, for spiking types, voltage: what a voltage probe sees)
// Spiking types keep voltage and refractory time per (row, neuron) in double precision;
// reset() starts them again from the initial voltages. Rate types are stateless.
//   VJP (rate types only): grad_in += gain * f'(J) * grad_out. Spiking types have no useful
//   gradient: training runs them as their rate twins (SimulatorOptions::rate_twins).

#include "netsim/builder/operator.h"
#include "netsim/core/neuron_type.h"

namespace netsim {

class NeuronsOp final : public Operator {
 public:
  // `voltage` is -1 for rate types. The backward pass differentiates `gradient_type`: the
  // same type, or lif_rate with smoothing where the forward is the exact rate (a surrogate
  // gradient: SimulatorOptions::lif_exact_forward).
  NeuronsOp(std::string origin, NeuronType type, NeuronType gradient_type, VectorD gain, VectorD bias,
            VectorD initial_voltage, SignalId in, SignalId out, SignalId voltage, double dt);

  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  void allocate(Index batch) override;
  std::vector<SignalId> saved_signals() const override;
  void vjp(const BackwardStep& b, Rows rows) override;
  std::string kind() const override { return "Neurons(" + to_string(type_.kind) + ")"; }
  bool has_trainable_weights() const override { return false; }
  bool stateless() const override { return !type_.spiking(); }
  double flops_per_row() const override { return 30.0 * static_cast<double>(gain_.size()); }

 private:
  NeuronType type_, gradient_type_;
  VectorD gain_, bias_, initial_voltage_;
  SignalId in_, out_, voltage_signal_;
  double dt_;
  MatrixD voltage_, refractory_;  // [batch x neurons], spiking types
};

}  // namespace netsim
