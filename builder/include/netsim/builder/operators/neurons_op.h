#pragma once
// A neurons node (core/neuron_type.h): J = bias + gain * in, then each neuron's type turns J
// into its output.
//   reads: in     sets: out (and, for types with a voltage, voltage: what a voltage probe sees)
// Types with state (core/neurons/neuron_record.h: voltage, refractory time, adaptation)
// keep it per (row, neuron) in double precision; reset() starts them again from the initial
// state. Types without state are stateless operators.
//   VJP (differentiable types only): grad_in += gain * f'(J) * grad_out. Spiking types have
//   no useful gradient: training runs them as their rate twins (SimulatorOptions::rate_twins).

#include "netsim/builder/operator.h"
#include "netsim/core/neuron_type.h"

namespace netsim {

class NeuronsOp final : public Operator {
 public:
  // `initial_state`: the type's state variables for each neuron, neuron by neuron
  // (neurons x state_variables(type).size() values). `voltage` is -1 unless the type has a
  // voltage. The backward pass differentiates `gradient_type`: the same type, or lif_rate
  // with smoothing where the forward is the exact rate (a surrogate gradient:
  // SimulatorOptions::lif_exact_forward).
  NeuronsOp(std::string origin, NeuronType type, NeuronType gradient_type, VectorD gain, VectorD bias,
            VectorD initial_state, SignalId in, SignalId out, SignalId voltage, double dt);

  void step(const StepContext& ctx, SignalStore& signals, Rows rows) override;
  void allocate(Index batch) override;
  std::vector<SignalId> saved_signals() const override;
  void vjp(const BackwardStep& b, Rows rows) override;
  std::string kind() const override { return "Neurons(" + to_string(type_) + ")"; }
  bool has_trainable_weights() const override { return false; }
  bool stateless() const override { return !has_state(type_); }
  double flops_per_row() const override { return 30.0 * static_cast<double>(gain_.size()); }

 private:
  template <class Record>
  void step_rows(const Record& type, SignalStore& signals, Rows rows);

  NeuronType type_, gradient_type_;
  VectorD gain_, bias_, initial_state_;
  SignalId in_, out_, voltage_signal_;
  double dt_;
  Index state_size_ = 0;  // state variables per neuron
  Index voltage_index_ = -1;  // where the voltage sits among them (-1: none)
  // [batch x (neurons * state_size)] (row-major): row b holds sequence b's neurons' state,
  // neuron by neuron.
  MatrixD state_;
};

}  // namespace netsim
