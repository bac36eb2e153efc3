#pragma once
// Neuron types in the style of Nengo (docs/neurons.md). A neurons node (node.h) turns each
// neuron's input current J into its output. Each type is one record in its own file under
// core/neurons/ (neuron_record.h says what a record declares): its parameters with Nengo's
// defaults, its state, rate, derivative, step, gain and bias, and for a spiking type the
// rate twin training runs in its place. This file is the one list of them; everything
// else asks the functions below.
//
// C++: a type is its record, so its defaults cannot be skipped:
//   NeuronType t = neurons::Tanh{};               // tau_ref 0.0025, as Nengo's Tanh
//   NeuronType l = neurons::Lif{.tau_rc = 0.05};  // the rest as Nengo's LIF

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "netsim/core/neurons/adaptive_lif.h"
#include "netsim/core/neurons/lif.h"
#include "netsim/core/neurons/rectified_linear.h"
#include "netsim/core/neurons/sigmoid.h"
#include "netsim/core/neurons/tanh.h"

namespace netsim {

// Every neuron type; the first is the default (an ensemble's, Nengo's LIF). The order is
// the order of lists in messages and docs.
using NeuronType = std::variant<neurons::Lif, neurons::LifRate, neurons::RectifiedLinear, neurons::SpikingRectifiedLinear,
                                neurons::Sigmoid, neurons::Tanh, neurons::AdaptiveLif, neurons::AdaptiveLifRate>;

// "lif", "lif_rate", ...
std::string to_string(const NeuronType& type);
// The type of that name with its defaults; nullopt for an unknown name.
std::optional<NeuronType> neuron_type_named(std::string_view name);
// Every type's name, in the order above.
const std::vector<std::string>& neuron_type_names();

// Spikes (has a rate twin that training runs instead).
bool is_spiking(const NeuronType& type);
// Training can differentiate it: stateless, with a rate derivative.
bool is_differentiable(const NeuronType& type);
// Keeps state from one step to the next (spiking types; adaptive_lif_rate's adaptation).
bool has_state(const NeuronType& type);
// What training differentiates: a spiking type's rate twin; any other type itself.
NeuronType rate_twin(const NeuronType& type);
// Its per-neuron state variables (voltage, refractory_time, adaptation, ...), in the
// order step() keeps them.
std::span<const neurons::StateVariable> state_variables(const NeuronType& type);
// Where the state variable `name` sits in that order; -1 when the type has none.
int state_index(const NeuronType& type, std::string_view name);
// "lif, spiking_rectified_linear and adaptive_lif": the types that have the state variable
// `name`, for messages.
std::string types_with_state(std::string_view name);

// The parameters it takes, for YAML and messages; and setting one by name (false: the
// type has no such parameter).
std::vector<std::string> parameter_names(const NeuronType& type);
bool set_parameter(NeuronType& type, std::string_view name, double value);
// SoftLIF's smoothing where the type has one, else nullptr.
double* smoothing(NeuronType& type);
// Throws ValidationError("<where>: <parameter>: expected ...") for a bad parameter.
void check(const NeuronType& type, const std::string& where);

// Gain and bias that give firing rate `max_rate` at x = radius along the encoder and start
// firing at `intercept` (in units of radius), in Nengo's closed forms. Throws
// ValidationError("<where>: max_rate ...") where none exist (max_rate >= 1/tau_ref for the
// types with a ceiling, intercept >= 1).
void gain_bias(const NeuronType& type, double max_rate, double intercept, const std::string& where, double& gain,
               double& bias);
// The rate at constant current J, as Nengo's rates() (a spiking type: its rate twin's;
// adaptive types: without adaptation).
double neuron_rate(const NeuronType& type, double J);

}  // namespace netsim
