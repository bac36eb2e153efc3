// Update rules against Keras's formulas, computed by hand for two updates, plus clipping,
// learning-rate schedules and saving/restoring the state.

#include <doctest/doctest.h>

#include <cmath>

#include <netsim/core/error.h>
#include <netsim/optimizer/learning_rate_schedule.h>
#include <netsim/optimizer/update_rule.h>

namespace netsim::test {
namespace {

struct OneWeight {
  Parameter p{.name = "w", .value = Matrix::Constant(1, 1, 1.0f), .trainable = true, .index = 0};
  std::vector<Parameter*> list{&p};
  double step(UpdateRule& rule, float g, double lr) {
    ParameterGradients grads{Matrix::Constant(1, 1, g)};
    rule.apply(list, grads, lr);
    return p.value(0, 0);
  }
};

}  // namespace

TEST_CASE("update rules: two steps of each, by hand") {
  const double lr = 0.1, g1 = 0.5, g2 = -2.0;
  {
    OneWeight w;
    UpdateRule sgd({.kind = UpdateRuleKind::sgd});
    CHECK(sgd.options().base_learning_rate() == 0.01);
    CHECK(w.step(sgd, 0.5f, lr) == doctest::Approx(1.0 - lr * g1));
  }
  {
    OneWeight w;
    UpdateRule m({.kind = UpdateRuleKind::momentum, .momentum = 0.9});
    w.step(m, 0.5f, lr);
    const double v1 = -lr * g1, v2 = 0.9 * v1 - lr * g2;
    CHECK(w.step(m, -2.0f, lr) == doctest::Approx(1.0 + v1 + v2));
  }
  {
    OneWeight w;
    UpdateRule n({.kind = UpdateRuleKind::momentum, .momentum = 0.9, .nesterov = true});
    w.step(n, 0.5f, lr);
    const double v1 = -lr * g1, v2 = 0.9 * v1 - lr * g2;
    CHECK(w.step(n, -2.0f, lr) == doctest::Approx(1.0 + (0.9 * v1 - lr * g1) + (0.9 * v2 - lr * g2)));
  }
  {
    OneWeight w;
    UpdateRule r({.kind = UpdateRuleKind::rmsprop});
    CHECK(r.options().base_learning_rate() == 0.001);
    w.step(r, 0.5f, lr);
    const double a1 = 0.1 * g1 * g1, a2 = 0.9 * a1 + 0.1 * g2 * g2;
    const double w1 = 1.0 - lr * g1 / (std::sqrt(a1) + 1e-7);
    CHECK(w.step(r, -2.0f, lr) == doctest::Approx(w1 - lr * g2 / (std::sqrt(a2) + 1e-7)));
  }
  {
    OneWeight w;
    UpdateRule adam({.kind = UpdateRuleKind::adam});
    w.step(adam, 0.5f, lr);
    const double m1 = 0.1 * g1, v1 = 0.001 * g1 * g1;
    const double w1 = 1.0 - lr * std::sqrt(1 - 0.999) / (1 - 0.9) * m1 / (std::sqrt(v1) + 1e-7);
    const double m2 = 0.9 * m1 + 0.1 * g2, v2 = 0.999 * v1 + 0.001 * g2 * g2;
    const double w2 = w1 - lr * std::sqrt(1 - 0.999 * 0.999) / (1 - 0.81) * m2 / (std::sqrt(v2) + 1e-7);
    CHECK(w.step(adam, -2.0f, lr) == doctest::Approx(w2).epsilon(1e-6));
    CHECK(adam.iterations() == 2);
  }
}

TEST_CASE("update rules: clipping by global norm scales every gradient") {
  Parameter a{.name = "a", .value = Matrix::Zero(1, 2), .trainable = true, .index = 0};
  Parameter b{.name = "b", .value = Matrix::Zero(1, 1), .trainable = false, .index = 1};
  Parameter c{.name = "c", .value = Matrix::Zero(1, 1), .trainable = true, .index = 2};
  UpdateRule sgd({.kind = UpdateRuleKind::sgd, .clip_norm = 1.0});
  ParameterGradients g{Matrix::Constant(1, 2, 3.0f), Matrix(), Matrix::Constant(1, 1, 1.0f)};  // norm sqrt(19)
  const double norm = sgd.apply({&a, &b, &c}, g, 1.0);
  CHECK(norm == doctest::Approx(std::sqrt(19.0)));
  CHECK(a.value(0, 0) == doctest::Approx(-3.0 / std::sqrt(19.0)));
  CHECK(c.value(0, 0) == doctest::Approx(-1.0 / std::sqrt(19.0)));
  CHECK(b.value(0, 0) == 0.0f);
}

TEST_CASE("update rules: decoupled weight decay shrinks the weights before the step (Keras 3, AdamW)") {
  const double lr = 0.1, wd = 0.5;
  {
    OneWeight w;
    UpdateRule sgd({.kind = UpdateRuleKind::sgd, .weight_decay = wd});
    const double w1 = 1.0 - lr * wd * 1.0 - lr * 0.5;
    CHECK(w.step(sgd, 0.5f, lr) == doctest::Approx(w1));
    CHECK(w.step(sgd, -2.0f, lr) == doctest::Approx(w1 - lr * wd * w1 + lr * 2.0));
  }
  {
    OneWeight w;
    UpdateRule adam({.kind = UpdateRuleKind::adam, .weight_decay = wd});
    const double decayed = 1.0 - lr * wd, m1 = 0.1 * 0.5, v1 = 0.001 * 0.5 * 0.5;
    const double step = lr * std::sqrt(1 - 0.999) / (1 - 0.9) * m1 / (std::sqrt(v1) + 1e-7);
    CHECK(w.step(adam, 0.5f, lr) == doctest::Approx(decayed - step).epsilon(1e-6));
  }
  CHECK_THROWS_WITH_AS(UpdateRule({.weight_decay = -1.0}), "update rule: weight_decay: expected 0 (off) or a positive number",
                       ValidationError);
}

TEST_CASE("update rules: state round-trips, and a wrong state is refused") {
  OneWeight w;
  UpdateRule adam({.kind = UpdateRuleKind::adam});
  w.step(adam, 0.5f, 0.1);
  const NamedArrays state = adam.state(w.list);
  CHECK(state.size() == 3);  // iterations, m/w, v/w
  OneWeight w2;
  w2.p.value = w.p.value;
  UpdateRule restored({.kind = UpdateRuleKind::adam});
  restored.load_state(state, w2.list, "ckpt.npz");
  CHECK(restored.iterations() == 1);
  CHECK(w2.step(restored, -2.0f, 0.1) == w.step(adam, -2.0f, 0.1));
  UpdateRule rms({.kind = UpdateRuleKind::rmsprop});
  CHECK_THROWS_WITH_AS(rms.load_state(state, w.list, "ckpt.npz"), doctest::Contains("ckpt.npz: expected the update rule's \"rms/w\""), ValidationError);
  CHECK_THROWS_AS(UpdateRule({.kind = UpdateRuleKind::adam, .learning_rate = -1.0}), ValidationError);
}

TEST_CASE("learning-rate schedules: step and exponential") {
  const LearningRateSchedule step{.kind = LearningRateSchedule::Kind::step, .every_epochs = 2, .factor = 0.5};
  CHECK(step.at(1.0, 0, 0) == 1.0);
  CHECK(step.at(1.0, 1, 0) == 1.0);
  CHECK(step.at(1.0, 2, 0) == 0.5);
  CHECK(step.at(1.0, 5, 0) == 0.25);
  const LearningRateSchedule exp{.kind = LearningRateSchedule::Kind::exponential, .decay_rate = 0.5, .decay_steps = 10};
  CHECK(exp.at(2.0, 0, 5) == doctest::Approx(2.0 * std::pow(0.5, 0.5)));
  LearningRateSchedule stair = exp;
  stair.staircase = true;
  CHECK(stair.at(2.0, 0, 15) == doctest::Approx(1.0));
  CHECK_THROWS_AS((LearningRateSchedule{.kind = LearningRateSchedule::Kind::step, .every_epochs = 0}.check()), ValidationError);
}

}  // namespace netsim::test
