// The one place that maps a subcommand name to its function.
#include "commands.h"
#include "command_line.h"

namespace netsim::cli {

int dispatch_command(const std::string& command, const std::vector<std::string>& args) {
  if (command == "run") return run_command(args);
  if (command == "validate") return validate_command(args);
  if (command == "describe") return describe_command(args);
  if (command == "train") return train_command(args);
  if (command == "eval") return eval_command(args);
  throw UsageError("netsim: unknown command '" + command +
                   "' (expected run, validate, describe, train or eval; see netsim --help)");
}

}  // namespace netsim::cli
