#include "netsim/config/network_file.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "netsim/builder/model.h"
#include "netsim/core/error.h"
#include "readers.h"
#include "yaml_value.h"

namespace netsim::config {
namespace {

[[noreturn]] void fail(const std::string& file, int line, int column, const std::string& message) {
  throw ConfigError({Diagnostic{file, line, column, "", message}});
}

// The file's text, refusing what is not a network file before YAML sees it: missing or
// unreadable, too large, empty, or binary (NUL bytes or invalid UTF-8).
std::string read_source_text(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) fail(path, 0, 0, "expected a YAML file, got a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, 0, 0, std::string("cannot read: ") + std::strerror(errno));
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxNetworkFileBytes) {
    std::ostringstream s;
    s.precision(1);
    s << std::fixed << "expected a network file under " << (kMaxNetworkFileBytes >> 20) << " MiB, got "
      << static_cast<double>(size) / (1 << 20) << " MiB; keep large arrays in .npy files "
      << "({file: data.npy})";
    fail(path, 1, 1, s.str());
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    fail(path, 1, 1, "expected a network description (a mapping starting with `netsim: 1`), got an empty file");
  }
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    bool valid = length > 0 && c != 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
    if (!valid) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02x", c);
      fail(path, line, column, std::string("expected UTF-8 text (a YAML file), got byte ") + hex +
                                   (c == 0 ? " (NUL): this looks like a binary file" : ""));
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
  return text;
}

void read_run(const YamlValue& run, double dt, RunSettings& settings) {
  if (run.is_null()) return;
  if (!run.is_map()) {
    run.expected("a mapping such as {steps: 784, minibatch: 100}");
    return;
  }
  run.check_keys({"steps", "time", "minibatch", "unroll", "threads", "rewrites"});
  if (run.has("steps"))
    if (const auto v = run["steps"].integer(1)) settings.steps = *v;
  if (run.has("time")) {
    // Seconds, as Nengo's sim.run(t): round(t / dt) steps.
    const YamlValue& t = run["time"];
    if (run.has("steps")) {
      t.error("give steps or time, not both");
    } else if (const auto seconds = t.number()) {
      const double steps = std::round(*seconds / dt);
      if (steps >= 1.0 && steps <= 1e15) {
        settings.steps = static_cast<long>(steps);
      } else {
        char step[32];
        std::snprintf(step, sizeof step, "%g", dt);
        t.expected(std::string("a duration of at least one step (dt = ") + step + " s)");
      }
    }
  }
  if (run.has("minibatch"))
    if (const auto v = run["minibatch"].integer(1)) settings.minibatch = *v;
  if (run.has("unroll"))
    if (const auto v = run["unroll"].integer(1, 1 << 20)) settings.unroll = static_cast<int>(*v);
  if (run.has("threads"))
    if (const auto v = run["threads"].integer(0, 1 << 12)) settings.threads = static_cast<int>(*v);
  if (run.has("rewrites")) {
    const YamlValue& r = run["rewrites"];
    if (r.is_map()) {
      std::vector<std::string> names;
      for (const auto& [name, flag] : kRewrites) names.emplace_back(name);
      r.check_keys(names);
      for (const auto& [name, flag] : kRewrites)
        if (r.has(name))
          if (const auto v = r[name].boolean()) settings.rewrites.*flag = *v;
    } else if (r.is_scalar()) {
      if (const auto v = r.boolean()) settings.rewrites = RewriteOptions::all(*v);
    } else {
      r.expected("true, false, or a mapping such as {lti_convolution: false, time_batched_gemm: true, last_step_only: true}");
    }
  }
}

// Algebraic loops only show when the whole graph is known; point at the first connection
// of the cycle. (Everything else build_model checks, the readers have checked already.)
void check_algebraic_loops(const NetworkFile& file, const ReadContext& context, DiagnosticList& diagnostics) {
  try {
    netsim::check_algebraic_loops(file.network);
  } catch (const AlgebraicLoopError& e) {
    YAML::Mark mark;
    if (!e.connections().empty()) {
      const auto it = context.connection_marks.find(e.connections().front());
      if (it != context.connection_marks.end()) mark = it->second;
    }
    diagnostics.add(mark, "connections", e.what());
  }
}

}  // namespace

SimulatorOptions NetworkFile::simulator_options(Index minibatch) const {
  return {.dt = dt, .minibatch = minibatch, .unroll = run.unroll, .seed = seed, .threads = run.threads,
          .rewrites = run.rewrites};
}

NetworkFile load_network_file(const std::string& path) {
  const std::string text = read_source_text(path);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    fail(path, e.mark.line + 1, e.mark.column + 1, "YAML syntax: " + e.msg);
  }
  NetworkFile file;
  file.path = path;
  file.folder = std::filesystem::path(path).parent_path().string();
  DiagnosticList diagnostics(path);
  YAML::Mark start;
  start.line = 0;
  start.column = 0;
  const YamlValue top(root, "", root.IsMap() ? root.Mark() : start, &diagnostics);
  if (!top.is_map()) {
    top.expected("a mapping (netsim: 1, nodes: ..., connections: ...)");
    diagnostics.throw_if_any();
  }
  top.check_keys({"netsim", "name", "seed", "dt", "nodes", "networks", "connections", "probes", "run", "data", "train"});
  const YamlValue version = top["netsim"];
  if (version.is_null()) {
    top.error("netsim: expected the schema version (netsim: 1) as the first key");
  } else if (const auto v = version.integer(1); v && *v != 1) {
    version.error("expected schema version 1 (this is netsim " + std::string(NETSIM_VERSION) + "), got " +
                  std::to_string(*v));
  }
  std::string name = "network";
  if (top.has("name"))
    if (const auto n = top["name"].text()) name = *n;
  if (top.has("seed"))
    if (const auto s = top["seed"].integer(0)) file.seed = static_cast<std::uint64_t>(*s);
  if (top.has("dt")) {
    const YamlValue dt = top["dt"];
    if (const auto d = dt.number()) {
      if (*d > 0.0) {
        file.dt = *d;
      } else {
        dt.expected("a positive step length in seconds");
      }
    }
  }
  read_run(top["run"], file.dt, file.run);
  file.network = Network(name);
  ReadContext context{.folder = file.folder, .failed_nodes = {}, .connection_marks = {}, .seed = file.seed};
  read_nodes(top["nodes"], context, file.network);
  read_networks(top["networks"], context, file.network);
  read_connections(top["connections"], context, file.network);
  read_probes(top["probes"], context, file.network);
  file.data = read_data(top["data"], context, file.network);
  file.train = read_train(top["train"], file.network);
  if (diagnostics.empty()) check_algebraic_loops(file, context, diagnostics);
  diagnostics.throw_if_any();
  return file;
}

}  // namespace netsim::config
