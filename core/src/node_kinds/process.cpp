#include "netsim/core/node_kinds/process.h"

#include "netsim/core/error.h"
#include "netsim/core/node.h"

namespace netsim {

Node make_process_node(const std::string& name, Index size, Process process, std::uint64_t seed) {
  const std::string where = "node '" + name + "'";
  if (size < 1 || size > kMaxNodeSize)
    throw ValidationError(where + ": size: expected 1 to " + std::to_string(kMaxNodeSize) + " values, got " + std::to_string(size));
  // dt is the run's; a placeholder here checks everything else (the builder checks again).
  const double any_dt = std::holds_alternative<WhiteSignal>(process) ? 0.5 / std::get<WhiteSignal>(process).high : 0.001;
  check(process, size, any_dt > 0.0 ? any_dt : 0.001, where + ": " + to_string(process));
  return Node::of(name, 0, size, ProcessNode{std::move(process), seed});
}

}  // namespace netsim
