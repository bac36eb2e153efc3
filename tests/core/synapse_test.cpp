#include <doctest/doctest.h>

#include <netsim/netsim.h>

namespace netsim::test {

TEST_CASE("Synapse: transfer functions of the named kinds") {
  CHECK(Synapse::delay().denominator() == std::vector<double>{1.0});
  CHECK(Synapse::lowpass(0.5).denominator() == std::vector<double>{0.5, 1.0});
  CHECK(Synapse::alpha(0.5).denominator() == std::vector<double>{0.25, 1.0, 1.0});
  CHECK(Synapse::alpha(0.0).denominator() == std::vector<double>{1.0});
  CHECK(Synapse::linear_filter({0.0, 1.0}, {0.0, 2.0, 1.0}).numerator() == std::vector<double>{1.0});
  CHECK(Synapse::delay().to_string() == "0");
  CHECK(Synapse::lowpass(0.005).to_string() == "lowpass(0.005)");
  CHECK(Synapse().is_none());
}

TEST_CASE("Synapse: bad parameters are errors") {
  CHECK_THROWS_WITH_AS(Synapse::lowpass(-0.1), "lowpass: expected a time constant tau >= 0 (seconds), got -0.1", ValidationError);
  CHECK_THROWS_AS(Synapse::alpha(std::nan("")), ValidationError);
  CHECK_THROWS_WITH_AS(Synapse::linear_filter({1.0, 0.0, 0.0}, {1.0, 1.0}), doctest::Contains("expected a proper filter"), ValidationError);
  CHECK_THROWS_WITH_AS(Synapse::linear_filter({1.0}, {0.0}), doctest::Contains("den: expected a non-zero polynomial"), ValidationError);
  CHECK_THROWS_AS(Synapse::linear_filter({}, {1.0}), ValidationError);
}

}  // namespace netsim::test
