// netsim: run, check, describe, train and evaluate network files (docs/yaml.md).
//
// Exit status: 0 success; 1 the run failed; 2 bad command line, network file or data.
#include <cstdio>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "command_line.h"
#include "commands.h"
#include "netsim/core/error.h"

namespace {

constexpr const char* kHelp = R"(usage: netsim COMMAND [options]

commands:
  run FILE.yaml        simulate; write probes.npz and run.json
  validate FILE.yaml   check a network file; report every problem with its line
  describe FILE.yaml   nodes, connections, parameter counts and the planned schedule
  train FILE.yaml      fit the network to its data: section with its train: settings
  eval FILE.yaml       loss and accuracy of saved weights (--params) on a data split

netsim COMMAND --help shows the options of a command. docs/yaml.md describes the files.
exit status: 0 ok, 1 runtime failure, 2 usage or configuration error
)";

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> all(argv + 1, argv + argc);
  if (all.empty() || all[0] == "--help" || all[0] == "-h" || all[0] == "help") {
    (all.empty() ? std::cerr : std::cout) << kHelp;
    return all.empty() ? 2 : 0;
  }
  if (all[0] == "--version") {
    std::cout << "netsim " << NETSIM_VERSION << "\n";
    return 0;
  }
  try {
    return netsim::cli::dispatch_command(all[0], {all.begin() + 1, all.end()});
  } catch (const netsim::cli::UsageError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const netsim::ValidationError& e) {
    std::cerr << e.what() << "\n";  // config::ConfigError lines already read FILE:LINE:COL: error: ...
    return 2;
  } catch (const netsim::BuildError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const netsim::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "error: out of memory (try a smaller --minibatch or fewer --steps)\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
