#include <doctest/doctest.h>

#include <netsim/netsim.h>

namespace netsim::test {

TEST_CASE("Slice: Python semantics for indices and ranges") {
  CHECK(Slice().resolve(3, "x") == std::vector<int>{0, 1, 2});
  CHECK(Slice::index(-1).resolve(3, "x") == std::vector<int>{2});
  CHECK(Slice::range(1, std::nullopt).resolve(4, "x") == std::vector<int>{1, 2, 3});
  CHECK(Slice::range(std::nullopt, std::nullopt, -1).resolve(3, "x") == std::vector<int>{2, 1, 0});
  CHECK(Slice::range(-3, 10, 2).resolve(5, "x") == std::vector<int>{2, 4});
  CHECK(Slice::range(-1, -4, -2).resolve(3, "x") == std::vector<int>{2, 0});
}

TEST_CASE("Slice: parse and print") {
  CHECK(Slice::parse("0").to_string() == "[0]");
  CHECK(Slice::parse("1:3").resolve(4, "x") == std::vector<int>{1, 2});
  CHECK(Slice::parse("::2").resolve(5, "x") == std::vector<int>{0, 2, 4});
  CHECK(Slice::parse(":").selects_all());
  CHECK(NodeRef::parse("lmu.m[1:3]").name == "lmu.m");
  CHECK(NodeRef::parse("lmu.m[1:3]").slice.to_string() == "[1:3]");
  CHECK_THROWS_WITH_AS(Slice::parse("a:2"), "slice [a:2]: expected an integer, got \"a\"", ValidationError);
  CHECK_THROWS_WITH_AS(Slice::parse("1:2:0"), "slice [1:2:0]: step must not be zero", ValidationError);
  CHECK_THROWS_AS(Slice::parse("1:2:3:4"), ValidationError);
  CHECK_THROWS_AS(NodeRef::parse("c[0"), ValidationError);
}

TEST_CASE("Slice: out of range and empty selections are errors") {
  CHECK_THROWS_WITH_AS(Slice::index(3).resolve(3, "where"), "where: index 3 is out of range for size 3", ValidationError);
  CHECK_THROWS_WITH_AS(Slice::range(2, 2).resolve(3, "where"), "where: slice [2:2] selects nothing from size 3", ValidationError);
}

}  // namespace netsim::test
