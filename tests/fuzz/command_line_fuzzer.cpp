// Fuzz target: the command line of every `netsim` subcommand, run for real inside the
// sandbox (net.yaml, its data, weights.npz; see fuzz_sandbox.h). The input is the
// arguments, one per line, the first naming the subcommand: "train\nnet.yaml\n--epochs\n1".
//
// Kept inside the sandbox and short: inputs with '/' (paths outside it), with numbers of
// three or more digits (a long run is not a bug) or asking for --report (which starts
// Python) are skipped. Whatever a command writes is removed after each input, so every
// input meets the same folder.
#include <unistd.h>

#include <cctype>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "commands.h"
#include "fuzz_sandbox.h"
#include "netsim/core/error.h"

namespace {

bool skipped(const std::string& text) {
  if (text.find('/') != std::string::npos || text.find("report") != std::string::npos) return true;
  int digits = 0;
  for (char c : text) {
    digits = std::isdigit(static_cast<unsigned char>(c)) ? digits + 1 : 0;
    if (digits >= 3) return true;
  }
  return false;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string::size_type start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

const std::set<std::string>& sandbox_files() {
  static const std::set<std::string> files = [] {
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(netsim::fuzz::sandbox())) {
      names.insert(entry.path().filename().string());
    }
    return names;
  }();
  return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (text.empty() || skipped(text) || text.find('\0') != std::string::npos) return 0;
  const std::vector<std::string> args = split_lines(text);
  if (::chdir(netsim::fuzz::sandbox().c_str()) != 0) return 0;
  const std::set<std::string>& keep = sandbox_files();
  try {
    netsim::cli::dispatch_command(args.front(), {args.begin() + 1, args.end()});
  } catch (const netsim::Error&) {
  }
  for (const auto& entry : std::filesystem::directory_iterator(netsim::fuzz::sandbox())) {
    if (!keep.count(entry.path().filename().string())) std::filesystem::remove_all(entry.path());
  }
  return 0;
}
