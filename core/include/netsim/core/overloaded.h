#pragma once
// A visitor made of lambdas, one per alternative: std::visit(Overloaded{[](const A&) {...},
// [](const B&) {...}}, v).

namespace netsim {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;  // (clang 14 does not deduce an aggregate's arguments)

}  // namespace netsim
