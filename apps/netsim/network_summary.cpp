#include "network_summary.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

#include "netsim/builder/simulator_training.h"
#include "netsim/builder/model.h"
#include "netsim/core/memory_budget.h"

namespace netsim::cli {
namespace {

// Rows of cells printed as left-aligned columns under a header row and a rule.
std::string table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (width.size() <= i) width.push_back(0);
      width[i] = std::max(width[i], row[i].size());
    }
  std::ostringstream out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out << " ";
    for (std::size_t i = 0; i < rows[r].size(); ++i)
      out << " " << std::left << std::setw(static_cast<int>(width[i])) << rows[r][i];
    out << "\n";
    if (r == 0) {
      std::size_t total = 0;
      for (std::size_t w : width) total += w + 1;
      out << "  " << std::string(total - 1, '-') << "\n";
    }
  }
  return out.str();
}

std::string with_commas(Index n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// What the minibatch costs in memory, next to what is free (netsim/core/memory_budget.h).
std::string memory_summary(const config::NetworkFile& file, Simulator& simulator) {
  const Index values = simulator.model().signals.values_per_row();
  const Index batch = simulator.options().minibatch;
  const std::size_t per_step = simulator.training_support().recording_bytes(1) - simulator.training_support().recording_bytes(0);
  std::ostringstream out;
  out << "Memory (minibatch " << batch << "): signals " << format_bytes(sizeof(float) * batch * values)
      << "; training records " << format_bytes(per_step) << " per step for backpropagation through time ("
      << simulator.training_support().history().values_per_step() << " values per sequence)";
  if (file.run.steps) out << ", " << format_bytes(simulator.training_support().recording_bytes(*file.run.steps)) << " for " << *file.run.steps << " steps";
  if (const std::size_t whole_run = simulator.whole_run_bytes(1); whole_run > 0) {
    out << "; whole-run buffers " << format_bytes(whole_run) << " per step";
    if (file.run.steps) out << ", " << format_bytes(simulator.whole_run_bytes(*file.run.steps)) << " for " << *file.run.steps << " steps";
  }
  if (const auto free = available_memory_bytes()) out << "; free now: " << format_bytes(*free);
  out << "\n";
  return out.str();
}

}  // namespace

std::string summarize_network(const config::NetworkFile& file, Simulator& simulator) {
  const Network& net = file.network;
  std::ostringstream out;
  out << "Network \"" << net.name() << "\" from " << file.path << "  (dt " << file.dt << " s, seed "
      << file.seed << ")\n\n";

  std::vector<std::vector<std::string>> nodes = {{"node", "kind", "size in", "size out"}};
  for (const Node& n : net.nodes()) {
    nodes.push_back({n.name, n.description(), std::to_string(n.size_in), std::to_string(n.size_out)});
  }
  out << "Nodes (" << net.nodes().size() << ")\n" << table(nodes) << "\n";

  std::vector<std::vector<std::string>> conns = {{"connection", "from -> to", "transform", "synapse", "weights", "trainable"}};
  for (const Connection& c : net.connections()) {
    const Index weights = c.transform.weight_count(c.pre_size(), c.post_size());
    conns.push_back({c.name, c.pre.to_string() + " -> " + c.post.to_string(), c.transform.to_string(),
                     c.synapse.to_string(), with_commas(weights), weights == 0 ? "-" : c.trainable ? "yes" : "no"});
  }
  out << "Connections (" << net.connections().size() << ")\n" << table(conns) << "\n";

  const Index trainable = net.parameter_count(true), fixed = net.parameter_count(false);
  out << "Parameters: " << with_commas(trainable + fixed) << " (trainable " << with_commas(trainable)
      << ", fixed " << with_commas(fixed) << ")\n\n";

  std::vector<std::vector<std::string>> probes = {{"probe", "target", "size", "synapse", "sample every", "history"}};
  for (const Probe& p : net.probes()) {
    std::ostringstream every;
    if (p.sample_every) every << *p.sample_every << " s"; else every << "every step";
    probes.push_back({p.name, p.target.to_string(), std::to_string(p.size()), p.synapse.to_string(), every.str(),
                      p.keep_history ? "all samples" : "last only"});
  }
  out << "Probes (" << net.probes().size() << ")\n" << table(probes) << "\n";

  const SimulatorOptions& o = simulator.options();
  out << memory_summary(file, simulator) << "\n";
  out << "Schedule (minibatch " << o.minibatch << ", unroll " << o.unroll
      << "): operators in one stage do not depend on each other and may run in parallel\n";
  out << simulator.describe();
  return out.str();
}

std::string graphviz_dot(const Network& network) {
  std::ostringstream out;
  auto q = [](const std::string& s) {
    std::string r = "\"";
    for (char c : s) r += (c == '"' ? std::string("\\\"") : std::string(1, c));
    return r + "\"";
  };
  out << "digraph " << q(network.name()) << " {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n";
  for (const Node& n : network.nodes()) {
    out << "  " << q(n.name) << " [label=" << q(n.name + "\\n" + n.description() + " (" + std::to_string(n.size_out) + ")")
        << (traits(n.kind()).source ? ", style=rounded" : "") << "];\n";
  }
  for (const Connection& c : network.connections()) {
    std::string label = c.transform.to_string();
    if (!c.synapse.is_none()) label += "\\nsynapse " + c.synapse.to_string();
    out << "  " << q(c.pre.name) << " -> " << q(c.post.name) << " [label=" << q(label)
        << (c.synapse.is_none() ? "" : ", style=dashed") << "];\n";
  }
  out << "}\n";
  return out.str();
}

}  // namespace netsim::cli
