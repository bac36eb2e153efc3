#include "netsim/core/node_kinds/function.h"

#include "netsim/core/error.h"
#include "netsim/core/node.h"

namespace netsim {
namespace {

void check_sizes(const std::string& name, Index size_in, Index size_out, bool has_function) {
  const std::string where = "node '" + name + "'";
  if (!has_function) throw ValidationError(where + ": function: expected a callable, got none");
  if (size_out < 1 || size_out > kMaxNodeSize)
    throw ValidationError(where + ": size: expected 1 to " + std::to_string(kMaxNodeSize) + " outputs, got " + std::to_string(size_out));
  if (size_in < 0 || size_in > kMaxNodeSize)
    throw ValidationError(where + ": size_in: expected 1 to " + std::to_string(kMaxNodeSize) + " inputs, got " + std::to_string(size_in));
}

void check_first_value(const std::string& name, const VectorD& value, Index size_out, const std::string& at) {
  const std::string where = "node '" + name + "': function: ";
  if (value.size() != size_out) {
    throw ValidationError(where + "expected " + std::to_string(size_out) + " values (the node's size), got " +
                          std::to_string(value.size()) + " at " + at);
  }
  if (!value.allFinite()) throw ValidationError(where + "expected finite values, got a non-finite one at " + at);
}

}  // namespace

Node make_time_function_node(const std::string& name, Index size_out, TimeFunction function, std::string text) {
  check_sizes(name, 0, size_out, static_cast<bool>(function));
  check_first_value(name, function(0.0), size_out, "t = 0");
  return Node::of(name, 0, size_out, TimeFunctionNode{std::move(function), std::move(text)});
}

Node make_function_node(const std::string& name, Index size_in, Index size_out, InputFunction function, std::string text) {
  check_sizes(name, size_in, size_out, static_cast<bool>(function));
  if (size_in < 1) throw ValidationError("node '" + name + "': size_in: expected a positive number, got " + std::to_string(size_in));
  check_first_value(name, function(0.0, VectorD::Zero(size_in)), size_out, "t = 0, x = 0");
  return Node::of(name, size_in, size_out, FunctionNode{std::move(function), std::move(text)});
}

}  // namespace netsim
