// The classification report against scikit-learn's documented example, by hand.

#include <doctest/doctest.h>

#include <netsim/core/error.h>
#include <netsim/optimizer/classification_report.h>

namespace netsim::test {

TEST_CASE("classification report: scikit-learn's example (y_true 0 1 2 2 2, y_pred 0 0 2 2 1)") {
  const ClassificationReport r = classification_report({0, 1, 2, 2, 2}, {0, 0, 2, 2, 1}, 3);
  CHECK(r.confusion == std::vector<std::vector<long>>{{1, 0, 0}, {1, 0, 0}, {0, 1, 2}});
  CHECK(r.classes[0].precision == doctest::Approx(0.5));
  CHECK(r.classes[0].recall == doctest::Approx(1.0));
  CHECK(r.classes[0].f1 == doctest::Approx(2.0 / 3.0));
  CHECK(r.classes[1].precision == 0.0);  // nothing right: 0, not NaN
  CHECK(r.classes[1].f1 == 0.0);
  CHECK(r.classes[2].recall == doctest::Approx(2.0 / 3.0));
  CHECK(r.classes[2].f1 == doctest::Approx(0.8));
  CHECK(r.classes[2].support == 3);
  CHECK(r.accuracy == doctest::Approx(0.6));
  CHECK(r.macro_average.recall == doctest::Approx((1.0 + 0.0 + 2.0 / 3.0) / 3.0));
  CHECK(r.weighted_average.f1 == doctest::Approx((2.0 / 3.0 + 0.0 + 3 * 0.8) / 5.0));
  // The layout scikit-learn prints for this example (its documentation), column for column.
  CHECK(r.text({"class 0", "class 1", "class 2"}) ==
        "              precision    recall  f1-score   support\n\n"
        "     class 0       0.50      1.00      0.67         1\n"
        "     class 1       0.00      0.00      0.00         1\n"
        "     class 2       1.00      0.67      0.80         3\n\n"
        "    accuracy                           0.60         5\n"
        "   macro avg       0.50      0.56      0.49         5\n"
        "weighted avg       0.70      0.60      0.61         5\n");
  CHECK(r.confusion_text() ==
        "true \\ predicted    0    1    2\n"
        "0                   1    0    0\n"
        "1                   1    0    0\n"
        "2                   0    1    2\n");
}

TEST_CASE("classification report: mismatched lengths and labels out of range are named") {
  CHECK_THROWS_WITH_AS(classification_report({0, 1}, {0}, 2), doctest::Contains("expected as many predictions as labels"), ValidationError);
  CHECK_THROWS_WITH_AS(classification_report({0, 3}, {0, 1}, 3), "classification report: sample 1: expected a class in 0..2, got 3", ValidationError);
}

}  // namespace netsim::test
