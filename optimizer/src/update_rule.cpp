#include "netsim/optimizer/update_rule.h"

#include "parallel_elementwise.h"

#include <cmath>

#include "netsim/core/error.h"

namespace netsim {

std::string to_string(UpdateRuleKind kind) {
  switch (kind) {
    case UpdateRuleKind::sgd: return "sgd";
    case UpdateRuleKind::momentum: return "momentum";
    case UpdateRuleKind::rmsprop: return "rmsprop";
    case UpdateRuleKind::adam: return "adam";
  }
  return "?";
}

std::optional<UpdateRuleKind> parse_update_rule_kind(const std::string& name) {
  for (auto k : {UpdateRuleKind::sgd, UpdateRuleKind::momentum, UpdateRuleKind::rmsprop, UpdateRuleKind::adam})
    if (to_string(k) == name) return k;
  return std::nullopt;
}

double UpdateRuleOptions::base_learning_rate() const {
  if (learning_rate) return *learning_rate;
  return kind == UpdateRuleKind::sgd || kind == UpdateRuleKind::momentum ? 0.01 : 0.001;
}

UpdateRule::UpdateRule(UpdateRuleOptions options) : options_(options) {
  auto positive = [](double v) { return v > 0.0 && std::isfinite(v); };
  if (!positive(options_.base_learning_rate())) throw ValidationError("update rule: learning_rate: expected a positive number");
  if (!(options_.clip_norm >= 0.0)) throw ValidationError("update rule: clip_norm: expected 0 (off) or a positive number");
  if (!(options_.weight_decay >= 0.0 && std::isfinite(options_.weight_decay))) {
    throw ValidationError("update rule: weight_decay: expected 0 (off) or a positive number");
  }
  if (!positive(options_.epsilon)) throw ValidationError("update rule: epsilon: expected a positive number");
  auto unit = [](double v) { return v >= 0.0 && v < 1.0; };
  if (!unit(options_.momentum) || !unit(options_.rho) || !unit(options_.beta_1) || !unit(options_.beta_2)) {
    throw ValidationError("update rule: momentum, rho, beta_1 and beta_2: expected numbers in [0, 1)");
  }
  slots_.resize(slot_names().size());
}

std::vector<std::string> UpdateRule::slot_names() const {
  switch (options_.kind) {
    case UpdateRuleKind::sgd: return {};
    case UpdateRuleKind::momentum: return {"velocity"};
    case UpdateRuleKind::rmsprop: return {"rms"};
    case UpdateRuleKind::adam: return {"m", "v"};
  }
  return {};
}

void UpdateRule::ensure_slots(const std::vector<Parameter*>& parameters) {
  for (auto& slot : slots_) {
    if (slot.size() == parameters.size()) continue;
    slot.resize(parameters.size());
    for (const Parameter* p : parameters)
      if (p->trainable) slot[static_cast<std::size_t>(p->index)] = Matrix::Zero(p->value.rows(), p->value.cols());
  }
}

double UpdateRule::apply(const std::vector<Parameter*>& parameters, ParameterGradients& grads, double learning_rate) {
  ensure_slots(parameters);
  const double norm = global_norm(grads);
  const bool clip = options_.clip_norm > 0.0 && norm > options_.clip_norm;
  const auto factor = clip ? static_cast<Scalar>(options_.clip_norm / norm) : Scalar(1);
  ++iterations_;
  const auto lr = static_cast<Scalar>(learning_rate);
  const auto eps = static_cast<Scalar>(options_.epsilon);
  const double t = static_cast<double>(iterations_);
  const auto alpha = static_cast<Scalar>(learning_rate * std::sqrt(1.0 - std::pow(options_.beta_2, t)) /
                                         (1.0 - std::pow(options_.beta_1, t)));  // adam
  using Span = Eigen::Map<Eigen::ArrayXf>;
  for (Parameter* p : parameters) {
    if (!p->trainable) continue;
    const auto i = static_cast<std::size_t>(p->index);
    Scalar* w_all = p->value.data();
    Scalar* g_all = grads[i].data();
    Scalar* s0 = slots_.empty() ? nullptr : slots_[0][i].data();
    Scalar* s1 = slots_.size() < 2 ? nullptr : slots_[1][i].data();
    // Elementwise, in chunks on the caller's arena (parallel_elementwise.h).
    detail::for_element_chunks(p->value.size(), [&](Index begin, Index end) {
      const Index n = end - begin;
      Span w(w_all + begin, n), g(g_all + begin, n);
      if (clip) g *= factor;
      if (options_.weight_decay > 0.0) w -= (lr * static_cast<Scalar>(options_.weight_decay)) * w;
      switch (options_.kind) {
        case UpdateRuleKind::sgd: w -= lr * g; break;
        case UpdateRuleKind::momentum: {
          const auto mu = static_cast<Scalar>(options_.momentum);
          Span v(s0 + begin, n);
          v = mu * v - lr * g;
          if (options_.nesterov) w += mu * v - lr * g; else w += v;
          break;
        }
        case UpdateRuleKind::rmsprop: {
          const auto rho = static_cast<Scalar>(options_.rho);
          Span a(s0 + begin, n);
          a = rho * a + (1 - rho) * g.square();
          w -= lr * g / (a.sqrt() + eps);
          break;
        }
        case UpdateRuleKind::adam: {
          const auto b1 = static_cast<Scalar>(options_.beta_1), b2 = static_cast<Scalar>(options_.beta_2);
          Span m(s0 + begin, n), v(s1 + begin, n);
          m = b1 * m + (1 - b1) * g;
          v = b2 * v + (1 - b2) * g.square();
          w -= alpha * m / (v.sqrt() + eps);
          break;
        }
      }
    });
  }
  return norm;
}

NamedArrays UpdateRule::state(const std::vector<Parameter*>& parameters) const {
  NamedArrays out;
  out.emplace_back("iterations", NdArray{{}, {static_cast<float>(iterations_)}});
  const auto names = slot_names();
  for (std::size_t s = 0; s < names.size(); ++s) {
    for (const Parameter* p : parameters) {
      if (!p->trainable) continue;
      const auto i = static_cast<std::size_t>(p->index);
      const Matrix value = i < slots_[s].size() ? slots_[s][i] : Matrix::Zero(p->value.rows(), p->value.cols());
      out.emplace_back(names[s] + "/" + p->name, NdArray::from(value));
    }
  }
  return out;
}

void UpdateRule::load_state(const NamedArrays& arrays, const std::vector<Parameter*>& parameters,
                            const std::string& where) {
  auto find = [&](const std::string& key) -> const NdArray& {
    for (const auto& [name, array] : arrays)
      if (name == key) return array;
    throw ValidationError(where + ": expected the update rule's \"" + key + "\" (a checkpoint of a " +
                          to_string(options_.kind) + " run of this network)");
  };
  const NdArray& it = find("iterations");
  if (it.element_count() != 1 || !(it.values[0] >= 0.0f)) throw ValidationError(where + ": \"iterations\": expected one count >= 0");
  std::vector<std::vector<Matrix>> slots(slot_names().size());
  const auto names = slot_names();
  for (std::size_t s = 0; s < names.size(); ++s) {
    slots[s].resize(parameters.size());
    for (const Parameter* p : parameters) {
      if (!p->trainable) continue;
      const NdArray& a = find(names[s] + "/" + p->name);
      const NdArray expected = NdArray::from(p->value);
      if (a.shape != expected.shape) {
        throw ValidationError(where + ": \"" + names[s] + "/" + p->name + "\": expected shape " + expected.shape_string() +
                              ", got " + a.shape_string());
      }
      Matrix m(p->value.rows(), p->value.cols());
      std::copy(a.values.begin(), a.values.end(), m.data());
      slots[s][static_cast<std::size_t>(p->index)] = std::move(m);
    }
  }
  iterations_ = static_cast<long>(it.values[0]);
  slots_ = std::move(slots);
}

}  // namespace netsim
