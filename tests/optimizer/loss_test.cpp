// Losses against hand computations, and their gradients against central differences.

#include <doctest/doctest.h>

#include <cmath>

#include <netsim/core/error.h>
#include <netsim/optimizer/loss.h>

namespace netsim::test {

TEST_CASE("loss: sparse categorical cross-entropy from logits, by hand") {
  Array3 logits(2, 1, 3);
  logits(0, 0, 0) = 1.0f, logits(0, 0, 1) = 2.0f, logits(0, 0, 2) = 0.5f;
  logits(1, 0, 0) = -1.0f, logits(1, 0, 1) = 0.0f, logits(1, 0, 2) = 3.0f;
  const NdArray labels{{2}, {1.0f, 0.0f}};
  Array3 grad;
  const LossTotals t = score({.probe = "p"}, logits, labels, {0, 1}, &grad);
  const double z0 = std::exp(1.0) + std::exp(2.0) + std::exp(0.5), z1 = std::exp(-1.0) + 1.0 + std::exp(3.0);
  const double expected = 0.5 * ((std::log(z0) - 2.0) + (std::log(z1) + 1.0));
  CHECK(t.mean_loss() == doctest::Approx(expected).epsilon(1e-6));
  CHECK(*t.accuracy() == doctest::Approx(0.5));  // row 0 right (argmax 1), row 1 wrong (argmax 2)
  CHECK(grad(0, 0, 1) == doctest::Approx(0.5 * (std::exp(2.0) / z0 - 1.0)).epsilon(1e-5));
  CHECK(grad(1, 0, 2) == doctest::Approx(0.5 * std::exp(3.0) / z1).epsilon(1e-5));
}

TEST_CASE("loss: gradients match central differences (CE over all steps, MSE per sample, a mask)") {
  Array3 y(3, 4, 3);
  for (Index i = 0; i < y.size(); ++i) y.data()[i] = std::sin(1.7f * static_cast<float>(i));
  const NdArray per_sequence{{3}, {2.0f, 0.0f, 1.0f}};
  const NdArray masked{{3, 4}, {0, 1, -1, 2, 1, 1, 1, 1, -1, -1, 0, 2}};
  NdArray targets{{3, 4, 3}, {}};
  for (Index i = 0; i < 36; ++i) targets.values.push_back(std::cos(0.3f * static_cast<float>(i)));
  struct Case {
    ProbeLoss loss;
    const NdArray* t;
  };
  const Case cases[] = {{{.probe = "p", .steps = LossSteps::all}, &per_sequence},
                        {{.probe = "p"}, &per_sequence},
                        {{.probe = "p", .weight = 2.5}, &masked},
                        {{.probe = "p", .kind = LossKind::mean_squared_error}, &targets},
                        {{.probe = "p", .kind = LossKind::multiclass_hinge, .steps = LossSteps::all}, &per_sequence},
                        {{.probe = "p", .kind = LossKind::multiclass_hinge, .weight = 0.5}, &masked}};
  for (const Case& c : cases) {
    Array3 grad;
    score(c.loss, y, *c.t, {0, 1, 2}, &grad);
    for (Index i = 0; i < y.size(); ++i) {
      Array3 plus = y, minus = y;
      plus.data()[i] += 1e-3f;
      minus.data()[i] -= 1e-3f;
      const double numeric = c.loss.weight * (score(c.loss, plus, *c.t, {0, 1, 2}, nullptr).mean_loss() -
                                              score(c.loss, minus, *c.t, {0, 1, 2}, nullptr).mean_loss()) / 2e-3;
      CHECK(grad.data()[i] == doctest::Approx(numeric).epsilon(1e-2).scale(1.0));
    }
  }
}

TEST_CASE("loss: multiclass hinge (the linear SVM's), by hand") {
  Array3 scores(2, 1, 3);
  scores(0, 0, 0) = 3.2f, scores(0, 0, 1) = 5.1f, scores(0, 0, 2) = -1.7f;  // label 0: CS231n's cat
  scores(1, 0, 0) = 1.3f, scores(1, 0, 1) = 4.9f, scores(1, 0, 2) = 2.0f;   // label 1: no margin violated
  const NdArray labels{{2}, {0.0f, 1.0f}};
  Array3 grad;
  const LossTotals t = score({.probe = "p", .kind = LossKind::multiclass_hinge}, scores, labels, {0, 1}, &grad);
  // row 0: max(0, 5.1 - 3.2 + 1) + max(0, -1.7 - 3.2 + 1) = 2.9; row 1: 0
  CHECK(t.mean_loss() == doctest::Approx(2.9 / 2.0).epsilon(1e-6));
  CHECK(*t.accuracy() == doctest::Approx(0.5));
  CHECK(grad(0, 0, 0) == doctest::Approx(-0.5));  // one violating class, mean over 2 rows
  CHECK(grad(0, 0, 1) == doctest::Approx(0.5));
  CHECK(grad(0, 0, 2) == 0.0f);
  for (Index i = 0; i < 3; ++i) CHECK(grad(1, 0, i) == 0.0f);
  CHECK(parse_loss_kind("multiclass_hinge") == LossKind::multiclass_hinge);
  CHECK(to_string(LossKind::multiclass_hinge) == "multiclass_hinge");
}

TEST_CASE("loss: mean squared error by hand, padding rows ignored") {
  Array3 y(3, 1, 2);  // row 2 is padding: rows = {1, 0}
  y(0, 0, 0) = 1.0f, y(0, 0, 1) = 2.0f, y(1, 0, 0) = 0.0f, y(1, 0, 1) = -1.0f, y(2, 0, 0) = 100.0f;
  const NdArray t{{2, 2}, {0.0f, 0.0f, 1.0f, 1.0f}};  // dataset rows 0 and 1
  Array3 grad;
  const LossTotals totals = score({.probe = "p", .kind = LossKind::mean_squared_error}, y, t, {1, 0}, &grad);
  // batch row 0 <- dataset row 1: ((1-1)^2 + (2-1)^2)/2 = 0.5;  batch row 1 <- row 0: (0 + 1)/2 = 0.5
  CHECK(totals.mean_loss() == doctest::Approx(0.5));
  CHECK(!totals.accuracy());
  CHECK(grad(2, 0, 0) == 0.0f);
  CHECK(grad(0, 0, 1) == doctest::Approx(2.0 * 1.0 / 2.0 / 2.0));
}

TEST_CASE("loss: targets are checked against the probe and the dataset") {
  const ProbeLoss ce{.probe = "p"};
  CHECK_NOTHROW(check_targets(ce, NdArray{{2}, {0, 9}}, 2, 5, 10, "t"));
  CHECK_THROWS_WITH_AS(check_targets(ce, NdArray{{3}, {0, 1, 2}}, 2, 5, 10, "t"), "t: expected labels shaped (2,) or (2, 5), got (3,)", ValidationError);
  CHECK_THROWS_WITH_AS(check_targets(ce, NdArray{{2}, {0, 1.5f}}, 2, 5, 10, "t"), doctest::Contains("label 1: expected an integer in 0..9"), ValidationError);
  const ProbeLoss mse{.probe = "p", .kind = LossKind::mean_squared_error};
  CHECK_THROWS_WITH_AS(check_targets(mse, NdArray{{2, 3}, std::vector<float>(6)}, 2, 5, 4, "t"), "t: expected targets shaped (2, 4) or (2, 5, 4), got (2, 3)", ValidationError);
  CHECK(parse_loss_kind("mse") == LossKind::mean_squared_error);
  CHECK(!parse_loss_kind("hinge"));
}

}  // namespace netsim::test
