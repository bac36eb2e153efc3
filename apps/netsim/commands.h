#pragma once
// The `netsim` subcommands. Each takes the arguments after its name and returns the exit
// status: 0 success. Errors are thrown and mapped by main(): UsageError and
// ValidationError (bad command line, network file or data) -> 2; other errors -> 1.

#include <string>
#include <vector>

namespace netsim {
class Communicator;
}

namespace netsim::cli {

int run_command(const std::vector<std::string>& args);
int validate_command(const std::vector<std::string>& args);
int describe_command(const std::vector<std::string>& args);
// Data-parallel over `ranks` when given (mpirun -np N, docs/distributed.md).
int train_command(const std::vector<std::string>& args, Communicator* ranks = nullptr);
int eval_command(const std::vector<std::string>& args);
int plot_command(const std::vector<std::string>& args);

// The subcommand named `command` (run, validate, ...) with its arguments; UsageError for
// an unknown name, ValidationError naming the path for one the system refuses. main() and
// the command-line fuzz target (tests/fuzz) call this. With `ranks` (started by mpirun
// with several ranks) only train runs; any other command is refused on every rank.
int dispatch_command(const std::string& command, const std::vector<std::string>& args, Communicator* ranks = nullptr);

// The one positional argument (the network file) or a UsageError.
std::string network_file_argument(const std::string& command, const std::vector<std::string>& positional);

}  // namespace netsim::cli
