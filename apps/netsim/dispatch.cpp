// The one place that maps a subcommand name to its function.
#include <filesystem>

#include "command_line.h"
#include "commands.h"
#include "netsim/optimizer/data_parallel.h"

namespace netsim::cli {
namespace {

int run_named(const std::string& command, const std::vector<std::string>& args, Communicator* ranks) {
  if (ranks && command != "train") {
    on_every_rank(ranks, [&] {
      throw UsageError("netsim " + command + ": only train runs on several ranks (mpirun -np " +
                       std::to_string(ranks->size()) + "); start " + command + " as one process");
    });
  }
  if (command == "run") return run_command(args);
  if (command == "validate") return validate_command(args);
  if (command == "describe") return describe_command(args);
  if (command == "train") return train_command(args, ranks);
  if (command == "eval") return eval_command(args);
  if (command == "plot") return plot_command(args);
  throw UsageError("netsim: unknown command '" + command +
                   "' (expected run, validate, describe, train, eval or plot; see netsim --help)");
}

}  // namespace

int dispatch_command(const std::string& command, const std::vector<std::string>& args, Communicator* ranks) {
  try {
    return run_named(command, args, ranks);
  } catch (const std::filesystem::filesystem_error& e) {
    // A path given on the command line or in a file that the system refuses (too long,
    // not a folder, no permission): reported like every other bad input, naming it.
    const std::string path = e.path1().empty() ? std::string("a path") : e.path1().string();
    throw ValidationError(path + ": " + e.code().message());
  }
}

}  // namespace netsim::cli
