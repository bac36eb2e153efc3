#pragma once
// Update rules, with Keras's defaults and formulas (g: gradient, w: weight, lr: learning
// rate, t: update count from 1):
//   sgd       w -= lr g                                     (lr 0.01)
//   momentum  v = mu v - lr g;  w += v  (nesterov: w += mu v - lr g)   (lr 0.01, mu 0.9)
//   rmsprop   a = rho a + (1-rho) g^2;  w -= lr g / (sqrt(a) + eps)     (lr 0.001, rho 0.9)
//   adam      m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
//             w -= lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps)        (lr 0.001, 0.9, 0.999)
// eps = 1e-7 throughout. Optional clipping by global norm (Keras global_clipnorm): all
// gradients are scaled by clip / max(norm, clip) first. Optional decoupled weight decay
// (Keras 3's weight_decay, AdamW's): w -= lr * wd * w for every trainable weight, before
// the rule's own step.
//
// The state (slots and update count) is saved in checkpoints and restored on resume, so a
// resumed run continues exactly where it stopped.

#include <optional>
#include <string>
#include <vector>

#include "netsim/builder/parameter.h"
#include "netsim/core/npz.h"
#include "netsim/optimizer/backprop.h"

namespace netsim {

enum class UpdateRuleKind { sgd, momentum, rmsprop, adam };

std::string to_string(UpdateRuleKind kind);
std::optional<UpdateRuleKind> parse_update_rule_kind(const std::string& name);

struct UpdateRuleOptions {
  UpdateRuleKind kind = UpdateRuleKind::adam;
  std::optional<double> learning_rate;  // default: Keras's for the kind
  double momentum = 0.9;                // momentum
  bool nesterov = false;                // momentum
  double rho = 0.9;                     // rmsprop
  double beta_1 = 0.9, beta_2 = 0.999;  // adam
  double epsilon = 1e-7;
  double clip_norm = 0.0;               // global-norm clipping; 0: off
  double weight_decay = 0.0;            // decoupled weight decay; 0: off

  double base_learning_rate() const;
};

class UpdateRule {
 public:
  explicit UpdateRule(UpdateRuleOptions options);

  // Applies one update to every trainable parameter (grads by Parameter::index) with the
  // given learning rate. Gradients may be scaled in place by clipping. Returns the
  // gradients' global norm before clipping.
  double apply(const std::vector<Parameter*>& parameters, ParameterGradients& grads, double learning_rate);

  long iterations() const { return iterations_; }
  const UpdateRuleOptions& options() const { return options_; }

  // The state as named arrays: "<slot>/<parameter>" and "iterations". load_state checks
  // names and shapes against `parameters` and throws ValidationError naming `where`.
  NamedArrays state(const std::vector<Parameter*>& parameters) const;
  void load_state(const NamedArrays& arrays, const std::vector<Parameter*>& parameters, const std::string& where);

 private:
  std::vector<std::string> slot_names() const;
  void ensure_slots(const std::vector<Parameter*>& parameters);

  UpdateRuleOptions options_;
  long iterations_ = 0;
  std::vector<std::vector<Matrix>> slots_;  // [slot][parameter index]
};

}  // namespace netsim
