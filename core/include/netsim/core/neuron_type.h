#pragma once
// Neuron types in the style of Nengo (docs/neurons.md), with Nengo's parameters and
// defaults. A neurons node (node.h) turns each neuron's input current J into its output:
//
//   rectified_linear          a = amplitude max(J, 0)
//   spiking_rectified_linear  v += max(J, 0) dt; s = floor(v); a = s amplitude / dt; v -= s
//   sigmoid                   a = (1 / tau_ref) / (1 + exp(-J))                 (tau_ref 0.0025)
//   tanh                      a = (1 / tau_ref) tanh(J)                          (tau_ref 0.0025)
//   lif_rate                  a = amplitude / (tau_ref + tau_rc ln(1 + 1/(J - 1))) for J > 1,
//                             else 0; with smoothing s > 0 (NengoDL's SoftLIF) J - 1 is
//                             replaced by s ln(1 + exp((J - 1)/s)), so a gradient exists below 1
//   lif                       leaky integrate-and-fire: voltage v and refractory time r per
//                             neuron (nodes/neuron_step.h gives the exact update)
//
// Spiking types (lif, spiking_rectified_linear) keep state across steps; each has a rate
// twin (lif -> lif_rate keeping `smoothing`, spiking_rectified_linear -> rectified_linear)
// that training differentiates instead.

#include <optional>
#include <string>
#include <vector>

namespace netsim {

enum class NeuronKind { lif, lif_rate, rectified_linear, spiking_rectified_linear, sigmoid, tanh };

struct NeuronType {
  NeuronKind kind = NeuronKind::lif;
  double tau_rc = 0.02;      // lif, lif_rate
  // lif, lif_rate, sigmoid, tanh. Unset: the kind's own Nengo default (0.002; sigmoid and
  // tanh 0.0025), so NeuronType{.kind = NeuronKind::tanh} is Nengo's Tanh; read it through
  // tau_ref_value().
  std::optional<double> tau_ref;
  double min_voltage = 0.0;  // lif
  double amplitude = 1.0;    // lif, lif_rate, rectified_linear, spiking_rectified_linear
  double smoothing = 0.0;    // lif, lif_rate: SoftLIF's sigma for the rate (twin); 0: exact

  // The type with Nengo's default parameters.
  static NeuronType defaults(NeuronKind kind);
  // tau_ref, or the kind's default when unset.
  double tau_ref_value() const { return tau_ref.value_or(default_tau_ref(kind)); }
  static constexpr double default_tau_ref(NeuronKind kind) {
    return kind == NeuronKind::sigmoid || kind == NeuronKind::tanh ? 0.0025 : 0.002;
  }

  bool spiking() const { return kind == NeuronKind::lif || kind == NeuronKind::spiking_rectified_linear; }
  // What training differentiates: lif -> lif_rate, spiking_rectified_linear ->
  // rectified_linear; rate types are their own twin.
  NeuronType rate_twin() const;
  // The parameters the kind uses, for YAML and messages.
  std::vector<std::string> parameter_names() const;
  // Throws ValidationError("<where>: <parameter>: expected ...") for a bad parameter.
  void check(const std::string& where) const;

  // Gain and bias that give firing rate `max_rate` at x = radius along the encoder and
  // start firing at `intercept` (in units of radius), in Nengo's closed forms. Throws
  // ValidationError("<where>: max_rate ...") where none exist (max_rate >= 1/tau_ref for
  // the types with a ceiling, intercept >= 1).
  void gain_bias(double max_rate, double intercept, const std::string& where, double& gain, double& bias) const;
};

std::string to_string(NeuronKind kind);  // "lif", "lif_rate", ...
std::optional<NeuronKind> parse_neuron_kind(const std::string& name);
const std::vector<std::string>& neuron_kind_names();

}  // namespace netsim
