#pragma once
// What every neuron type's record declares (core/neurons/<type>.h; the list of types is
// neuron_type.h). A record is a struct whose members are the type's parameters, with
// Nengo's defaults as their initializers, and which declares:
//   name          "lif": the YAML name and messages
//   parameters    each parameter's name, member and bound (checks, YAML, messages)
//   state         the per-neuron state carried from step to step (empty for most rate types)
//   gain_bias()   gain and bias from a maximum rate and an intercept (Nengo's closed forms)
//   rate(J)       the rate at constant current J (tuning curves, decoders); with
//   rate_derivative(J) for a stateless rate type, which training differentiates
//   step(dt, J, state)  one step of a type with state; returns the output; optionally
//   step_row(dt, J, a, state, n)  the same for n neurons at once, bit for bit (a fast path,
//                 tests/core/neuron_step_row_test.cpp proves it equal to step())
//   rate_twin()   a spiking type only: the rate type training runs in its place
// Nothing outside the record's own file and neuron_type.h names a type.

#include <array>
#include <concepts>
#include <string_view>

#include "netsim/core/types.h"

namespace netsim::neurons {

enum class Bound { positive, non_negative, non_positive };

template <class Record>
struct Parameter {
  std::string_view name;
  double Record::*member;
  Bound bound;
};

struct StateVariable {
  std::string_view name;
  // Starts uniform in [0, 1) per neuron from the seed (a voltage, as Nengo's default) or,
  // when false, at zero.
  bool starts_uniform = false;
};

// A type that spikes: it has a rate twin.
template <class T>
concept Spiking = requires(const T& t) { t.rate_twin(); };

// A type with state of its own, stepped per neuron.
template <class T>
concept Stepped = requires(const T& t, double dt, double J, double* state) {
  { t.step(dt, J, state) } -> std::same_as<double>;
};

// A type with a whole-row step (a fast path equal to step() neuron by neuron).
template <class T>
concept RowStepped = Stepped<T> && requires(const T& t, double dt, const double* J, double* a, double* state, Index n) {
  t.step_row(dt, J, a, state, n);
};

// A type training can differentiate: stateless, with a rate and its derivative.
template <class T>
concept Differentiable = !Stepped<T> && requires(const T& t, double J) {
  { t.rate(J) } -> std::same_as<double>;
  { t.rate_derivative(J) } -> std::same_as<double>;
};

}  // namespace netsim::neurons
