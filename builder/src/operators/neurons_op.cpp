#include "netsim/builder/operators/neurons_op.h"

#include <algorithm>
#include <array>

#include "netsim/core/error.h"

namespace netsim {
namespace {

// Neurons stepped together by a type's whole-row step (their currents and outputs on the
// stack).
constexpr Index kNeuronsPerChunk = 1024;

AccessLists neuron_access(SignalId in, SignalId out, SignalId voltage) {
  AccessLists a{{out}, {}, {in}, {}};
  if (voltage >= 0) a.sets.push_back(voltage);
  return a;
}

}  // namespace

NeuronsOp::NeuronsOp(std::string origin, NeuronType type, NeuronType gradient_type, VectorD gain, VectorD bias,
                     VectorD initial_state, SignalId in, SignalId out, SignalId voltage, double dt)
    : Operator(std::move(origin), neuron_access(in, out, voltage)),
      type_(type),
      gradient_type_(gradient_type),
      gain_(std::move(gain)),
      bias_(std::move(bias)),
      initial_state_(std::move(initial_state)),
      in_(in),
      out_(out),
      voltage_signal_(voltage),
      dt_(dt),
      state_size_(static_cast<Index>(state_variables(type_).size())),
      voltage_index_(state_index(type_, "voltage")) {
  if (initial_state_.size() != gain_.size() * state_size_)
    throw BuildError(this->origin() + ": internal: initial state of " + std::to_string(initial_state_.size()) +
                     " values for " + std::to_string(gain_.size()) + " neurons of " + std::to_string(state_size_) +
                     " state variables");
  if ((voltage_signal_ >= 0) != (voltage_index_ >= 0))
    throw BuildError(this->origin() + ": internal: a voltage signal goes with a type that has a voltage");
}

void NeuronsOp::allocate(Index batch) {
  if (state_size_ == 0) return;
  state_ = initial_state_.transpose().replicate(batch, 1);
}

template <class Record>
void NeuronsOp::step_rows(const Record& type, SignalStore& signals, Rows rows) {
  const auto in = signals.block(in_, rows);
  auto out = signals.block(out_, rows);
  const Index n = gain_.size();
  for (Index r = 0; r < rows.count; ++r) {
    [[maybe_unused]] double* state = state_size_ > 0 ? state_.row(rows.begin + r).data() : nullptr;
    if constexpr (neurons::RowStepped<Record>) {  // the row in chunks of neurons (the same bits as step())
      auto chunk = [&](Index first, Index count) {
        std::array<double, kNeuronsPerChunk> current, output;
        for (Index i = 0; i < count; ++i)
          current[static_cast<std::size_t>(i)] = bias_[first + i] + gain_[first + i] * static_cast<double>(in(r, first + i));
        type.step_row(dt_, current.data(), output.data(), state + first * state_size_, count);
        for (Index i = 0; i < count; ++i) out(r, first + i) = static_cast<Scalar>(output[static_cast<std::size_t>(i)]);
      };
      for (Index first = 0; first < n; first += kNeuronsPerChunk) chunk(first, std::min(kNeuronsPerChunk, n - first));
      continue;
    }
    for (Index i = 0; i < n; ++i) {
      const double J = bias_[i] + gain_[i] * static_cast<double>(in(r, i));
      if constexpr (neurons::Stepped<Record>) {
        out(r, i) = static_cast<Scalar>(type.step(dt_, J, state + i * state_size_));
      } else {
        out(r, i) = static_cast<Scalar>(type.rate(J));
      }
    }
  }
  if (voltage_signal_ >= 0) {
    auto voltage = signals.block(voltage_signal_, rows);
    for (Index r = 0; r < rows.count; ++r)
      for (Index i = 0; i < n; ++i) voltage(r, i) = static_cast<Scalar>(state_(rows.begin + r, i * state_size_ + voltage_index_));
  }
}

void NeuronsOp::step(const StepContext&, SignalStore& signals, Rows rows) {
  std::visit([&](const auto& type) { step_rows(type, signals, rows); }, type_);
}

std::vector<SignalId> NeuronsOp::saved_signals() const {
  if (!is_differentiable(gradient_type_) || has_state(type_)) return {};
  return {in_};
}

void NeuronsOp::vjp(const BackwardStep& b, Rows rows) {
  if (is_spiking(type_)) {
    throw SimulationError(origin() + ": " + to_string(type_) + " neurons spike and have no useful gradient; " +
                          "train them as their rate twins (SimulatorOptions::rate_twins; netsim train does this)");
  }
  if (has_state(type_) || !is_differentiable(gradient_type_)) {
    throw SimulationError(origin() + ": " + to_string(type_) + " neurons keep state from step to step and netsim has " +
                          "no gradient through neuron state; train a network with stateless neuron types " +
                          "(lif_rate, rectified_linear, sigmoid, tanh) or the rate twins of spiking ones");
  }
  auto g_out = b.grads.block(out_, rows);
  auto g_in = b.grads.block(in_, rows);
  const auto in = b.history.value(in_, b.step, rows);
  std::visit(
      [&](const auto& type) {
        if constexpr (neurons::Differentiable<std::decay_t<decltype(type)>>) {  // (checked above)
          for (Index r = 0; r < rows.count; ++r) {
            for (Index i = 0; i < gain_.size(); ++i) {
              const double J = bias_[i] + gain_[i] * static_cast<double>(in(r, i));
              g_in(r, i) += static_cast<Scalar>(gain_[i] * type.rate_derivative(J) * static_cast<double>(g_out(r, i)));
            }
          }
        }
      },
      gradient_type_);
  g_out.setZero();
}

}  // namespace netsim
