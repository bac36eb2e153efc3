#pragma once
// Function nodes, Nengo's Node(output=callable):
//   time_function  its output is f(t), t = k dt (`{function: EXPR}` or a list of
//                  expressions, one per output): a source, so its values are known ahead
//                  of the step loop and the rewrites may use them;
//   function       its output is f(t, x) of its summed input x, same step (`{size_in: N,
//                  function: EXPR}`): stateless; it has no gradient (training through it
//                  stops with an error naming it).
// C++: any callable, e.g.
//   net.function("u", 1, [](double t) { return VectorD::Constant(1, std::sin(t)); });
//   net.function("sq", 1, 1, [](double, const VectorD& x) { return VectorD(x.array().square()); });
// A callable is called from one thread at a time (its operator holds a lock), once per
// sequence and step; it must give the same values for the same arguments.

#include <functional>
#include <string>

#include "netsim/core/node_kind_traits.h"
#include "netsim/core/types.h"

namespace netsim {

struct Node;

using TimeFunction = std::function<VectorD(double t)>;
using InputFunction = std::function<VectorD(double t, const VectorD& x)>;

struct TimeFunctionNode {
  static constexpr NodeKindTraits traits{
      .kind = NodeKind::time_function,
      .name = "time_function",
      .yaml_key = "function",
      .takes_input = false,
      .input_apart = false,
      .source = true,
      .stateful = false,
      .reads_data = false};
  TimeFunction function;
  std::string text;  // what describes it ("sin(t)"; "callable" when given in C++)

  std::string description() const { return "f(t) = " + text; }
};

struct FunctionNode {
  static constexpr NodeKindTraits traits{
      .kind = NodeKind::function,
      .name = "function",
      .yaml_key = "function",  // with size_in: (node_reader.cpp)
      .takes_input = true,
      .input_apart = true,
      .source = false,
      .stateful = false,
      .reads_data = false};
  InputFunction function;
  std::string text;

  std::string description() const { return "f(t, x) = " + text; }
};

// Both call the function once (at t = 0, x = 0) to check it gives `size_out` finite
// values; ValidationError naming the node otherwise.
Node make_time_function_node(const std::string& name, Index size_out, TimeFunction function, std::string text = "callable");
Node make_function_node(const std::string& name, Index size_in, Index size_out, InputFunction function,
                        std::string text = "callable");

}  // namespace netsim
