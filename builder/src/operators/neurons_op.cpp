#include "netsim/builder/operators/neurons_op.h"

#include "netsim/core/error.h"
#include "netsim/nodes/neuron_step.h"

namespace netsim {
namespace {

AccessLists neuron_access(SignalId in, SignalId out, SignalId voltage) {
  AccessLists a{{out}, {}, {in}, {}};
  if (voltage >= 0) a.sets.push_back(voltage);
  return a;
}

}  // namespace

NeuronsOp::NeuronsOp(std::string origin, NeuronType type, NeuronType gradient_type, VectorD gain, VectorD bias,
                     VectorD initial_voltage, SignalId in, SignalId out, SignalId voltage, double dt)
    : Operator(std::move(origin), neuron_access(in, out, voltage)),
      type_(type),
      gradient_type_(gradient_type),
      gain_(std::move(gain)),
      bias_(std::move(bias)),
      initial_voltage_(std::move(initial_voltage)),
      in_(in),
      out_(out),
      voltage_signal_(voltage),
      dt_(dt) {}

void NeuronsOp::allocate(Index batch) {
  if (!type_.spiking()) return;
  voltage_ = initial_voltage_.transpose().replicate(batch, 1);
  refractory_ = MatrixD::Zero(batch, gain_.size());
}

void NeuronsOp::step(const StepContext&, SignalStore& signals, Rows rows) {
  const auto in = signals.block(in_, rows);
  auto out = signals.block(out_, rows);
  const Index n = gain_.size();
  for (Index r = 0; r < rows.count; ++r) {
    const Index row = rows.begin + r;
    for (Index i = 0; i < n; ++i) {
      const double J = bias_[i] + gain_[i] * static_cast<double>(in(r, i));
      double a = 0.0;
      switch (type_.kind) {
        case NeuronKind::lif: a = nodes::lif_step(type_, dt_, J, voltage_(row, i), refractory_(row, i)); break;
        case NeuronKind::spiking_rectified_linear: a = nodes::spiking_rectified_linear_step(type_, dt_, J, voltage_(row, i)); break;
        default: a = nodes::neuron_rate(type_, J);
      }
      out(r, i) = static_cast<Scalar>(a);
    }
  }
  if (voltage_signal_ >= 0) signals.block(voltage_signal_, rows) = voltage_.middleRows(rows.begin, rows.count).cast<Scalar>();
}

std::vector<SignalId> NeuronsOp::saved_signals() const {
  if (type_.spiking()) return {};
  return {in_};
}

void NeuronsOp::vjp(const BackwardStep& b, Rows rows) {
  if (type_.spiking()) {
    throw SimulationError(origin() + ": " + to_string(type_.kind) + " neurons spike and have no useful gradient; " +
                          "train them as their rate twins (SimulatorOptions::rate_twins; netsim train does this)");
  }
  auto g_out = b.grads.block(out_, rows);
  auto g_in = b.grads.block(in_, rows);
  const auto in = b.history.value(in_, b.step, rows);
  for (Index r = 0; r < rows.count; ++r) {
    for (Index i = 0; i < gain_.size(); ++i) {
      const double J = bias_[i] + gain_[i] * static_cast<double>(in(r, i));
      g_in(r, i) += static_cast<Scalar>(gain_[i] * nodes::neuron_rate_derivative(gradient_type_, J) * static_cast<double>(g_out(r, i)));
    }
  }
  g_out.setZero();
}

}  // namespace netsim
