// The train: section (docs/yaml.md, "Training").
#include "netsim/core/did_you_mean.h"
#include "readers.h"

namespace netsim::config {
namespace {

std::optional<UpdateRuleOptions> read_optimizer(const YamlValue& value) {
  UpdateRuleOptions options;
  // (No YamlValue assignment: assigning a YAML::Node writes into the node it refers to.)
  const YamlValue kind_value = value.is_map() ? value["kind"] : value;
  value.check_keys({"kind", "learning_rate", "momentum", "nesterov", "rho", "beta_1", "beta_2", "epsilon", "clip_norm",
                    "weight_decay"});
  const auto kind = kind_value.text();
  if (!kind) return std::nullopt;
  const auto parsed = parse_update_rule_kind(*kind);
  if (!parsed) {
    kind_value.expected("sgd, momentum, rmsprop or adam");
    return std::nullopt;
  }
  options.kind = *parsed;
  if (!value.is_map()) return options;
  auto positive = [&](const char* key, double& out) {
    if (!value.has(key)) return;
    const YamlValue v = value[key];
    if (const auto x = v.number()) {
      if (*x > 0.0) out = *x; else v.expected("a positive number");
    }
  };
  auto fraction = [&](const char* key, double& out) {
    if (!value.has(key)) return;
    const YamlValue v = value[key];
    if (const auto x = v.number()) {
      if (*x >= 0.0 && *x < 1.0) out = *x; else v.expected("a number in [0, 1)");
    }
  };
  double lr = options.base_learning_rate();
  positive("learning_rate", lr);
  options.learning_rate = lr;
  fraction("momentum", options.momentum);
  fraction("rho", options.rho);
  fraction("beta_1", options.beta_1);
  fraction("beta_2", options.beta_2);
  positive("epsilon", options.epsilon);
  positive("clip_norm", options.clip_norm);
  positive("weight_decay", options.weight_decay);
  if (value.has("nesterov"))
    if (const auto b = value["nesterov"].boolean()) options.nesterov = *b;
  return options;
}

std::optional<LearningRateSchedule> read_schedule(const YamlValue& value) {
  LearningRateSchedule s;
  if (!value.is_map()) {
    value.expected("a mapping {kind: step, every_epochs: N, factor: F} or {kind: exponential, decay_rate: R, decay_steps: N}");
    return std::nullopt;
  }
  value.check_keys({"kind", "every_epochs", "factor", "decay_rate", "decay_steps", "staircase"});
  const auto kind = value["kind"].text();
  if (!kind) return std::nullopt;
  const auto parsed = parse_schedule_kind(*kind);
  if (!parsed) {
    value["kind"].expected("constant, step or exponential");
    return std::nullopt;
  }
  s.kind = *parsed;
  if (value.has("every_epochs"))
    if (const auto n = value["every_epochs"].integer(1, 1 << 20)) s.every_epochs = static_cast<int>(*n);
  if (value.has("decay_steps"))
    if (const auto n = value["decay_steps"].integer(1)) s.decay_steps = static_cast<long>(*n);
  for (const char* key : {"factor", "decay_rate"}) {
    if (!value.has(key)) continue;
    const YamlValue v = value[key];
    if (const auto x = v.number()) {
      if (*x > 0.0) (key[0] == 'f' ? s.factor : s.decay_rate) = *x; else v.expected("a positive number");
    }
  }
  if (value.has("staircase"))
    if (const auto b = value["staircase"].boolean()) s.staircase = *b;
  return s;
}

std::vector<ProbeLoss> read_losses(const YamlValue& value, const Network& network) {
  std::vector<ProbeLoss> losses;
  if (!value.is_map()) {
    value.expected("a mapping of probe names to losses, e.g. {out_p: sparse_categorical_crossentropy}");
    return losses;
  }
  std::vector<std::string> probes;
  for (const Probe& p : network.probes()) probes.push_back(p.name);
  for (const auto& [name, spec] : value.entries()) {
    if (std::find(probes.begin(), probes.end(), name) == probes.end()) {
      std::string list;
      for (const auto& p : probes) list += (list.empty() ? "" : ", ") + p;
      spec.error("expected a probe" + did_you_mean(name, probes) + " (probes: " + (list.empty() ? "none" : list) +
                 "), got \"" + name + "\"");
      continue;
    }
    ProbeLoss loss{.probe = name};
    const YamlValue kind_value = spec.is_map() ? spec["kind"] : spec;
    if (spec.is_map()) {
      spec.check_keys({"kind", "weight", "steps"});
      if (spec.has("weight")) {
        const YamlValue w = spec["weight"];
        if (const auto x = w.number()) {
          if (*x >= 0.0) loss.weight = *x; else w.expected("a number >= 0");
        }
      }
      if (spec.has("steps")) {
        const YamlValue st = spec["steps"];
        if (const auto s = st.text()) {
          if (*s == "last") loss.steps = LossSteps::last;
          else if (*s == "all") loss.steps = LossSteps::all;
          else st.expected("last or all");
        }
      }
    }
    const auto kind = kind_value.text();
    if (!kind) continue;
    if (const auto k = parse_loss_kind(*kind)) {
      loss.kind = *k;
      losses.push_back(loss);
    } else {
      kind_value.expected("sparse_categorical_crossentropy, multiclass_hinge or mean_squared_error (mse)");
    }
  }
  return losses;
}

}  // namespace

std::optional<TrainSettings> read_train(const YamlValue& train, const Network& network) {
  if (train.is_null()) return std::nullopt;
  if (!train.is_map()) {
    train.expected("a mapping {epochs: N, optimizer: ..., loss: {PROBE: ...}}");
    return std::nullopt;
  }
  train.check_keys({"epochs", "minibatch", "shuffle", "optimizer", "schedule", "loss", "monitor", "patience", "bptt_window",
                    "lif_smoothing", "lif_forward"});
  TrainSettings s;
  if (train.has("epochs"))
    if (const auto n = train["epochs"].integer(1, 1 << 20)) s.epochs = static_cast<int>(*n);
  if (train.has("minibatch"))
    if (const auto n = train["minibatch"].integer(1, 1 << 20)) s.minibatch = *n;
  if (train.has("shuffle"))
    if (const auto b = train["shuffle"].boolean()) s.shuffle = *b;
  if (train.has("optimizer"))
    if (const auto o = read_optimizer(train["optimizer"])) s.update = *o;
  if (train.has("schedule"))
    if (const auto sc = read_schedule(train["schedule"])) s.schedule = *sc;
  if (train.has("loss")) {
    s.losses = read_losses(train["loss"], network);
  } else {
    train.error("expected loss: {PROBE: sparse_categorical_crossentropy | multiclass_hinge | mean_squared_error}");
  }
  if (train.has("monitor")) {
    const YamlValue m = train["monitor"];
    if (const auto t = m.text()) {
      if (*t == "loss" || *t == "accuracy" || *t == "val_loss" || *t == "val_accuracy") s.monitor = *t;
      else m.expected("loss, accuracy, val_loss or val_accuracy");
    }
  }
  if (train.has("patience"))
    if (const auto n = train["patience"].integer(0, 1 << 20)) s.patience = static_cast<int>(*n);
  if (train.has("lif_smoothing")) {
    const YamlValue v = train["lif_smoothing"];
    if (const auto x = v.number(); x && *x >= 0.0) s.lif_smoothing = *x;
    else if (x) v.expected("a number >= 0 (SoftLIF's sigma; 0: the exact LIF rate)");
  }
  if (train.has("lif_forward")) {
    const YamlValue v = train["lif_forward"];
    if (const auto t = v.text(); t && (*t == "smoothed" || *t == "exact")) s.lif_exact_forward = *t == "exact";
    else if (t) v.expected("smoothed (SoftLIF forward and gradient, NengoDL's) or exact (the exact LIF rate forward, SoftLIF's gradient)");
  }
  if (train.has("bptt_window"))
    if (const auto n = train["bptt_window"].integer(0)) s.bptt_window = static_cast<long>(*n);
  return s;
}

}  // namespace netsim::config
