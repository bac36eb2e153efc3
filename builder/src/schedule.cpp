#include "netsim/builder/schedule.h"

#include <boost/graph/adjacency_list.hpp>
#include <functional>
#include <queue>
#include <sstream>

#include "netsim/core/error.h"

namespace netsim {
namespace {

using OpGraph = boost::adjacency_list<boost::setS, boost::vecS, boost::bidirectionalS>;

struct SignalAccess {
  std::vector<int> sets, incs, reads, updates;
};

// Nengo's contract, per signal: sets -> incs -> reads -> updates. Incs of one signal are
// additionally chained in creation order, which makes the floating-point summation order
// (and so every bit of the result) independent of how stages are run.
OpGraph dependency_graph(const Model& model, const std::vector<char>& include) {
  const auto n_ops = model.operators.size();
  std::vector<SignalAccess> access(static_cast<std::size_t>(model.signals.count()));
  for (std::size_t i = 0; i < n_ops; ++i) {
    if (!include[i]) continue;
    const AccessLists& a = model.operators[i]->access();
    const int op = static_cast<int>(i);
    for (SignalId s : a.sets) access[static_cast<std::size_t>(s)].sets.push_back(op);
    for (SignalId s : a.incs) access[static_cast<std::size_t>(s)].incs.push_back(op);
    for (SignalId s : a.reads) access[static_cast<std::size_t>(s)].reads.push_back(op);
    for (SignalId s : a.updates) access[static_cast<std::size_t>(s)].updates.push_back(op);
  }
  OpGraph g(n_ops);
  auto link = [&g](const std::vector<int>& from, const std::vector<int>& to) {
    for (int a : from)
      for (int b : to)
        if (a != b) boost::add_edge(static_cast<std::size_t>(a), static_cast<std::size_t>(b), g);
  };
  for (std::size_t s = 0; s < access.size(); ++s) {
    const SignalAccess& a = access[s];
    if (a.sets.size() > 1 || a.updates.size() > 1) {
      throw BuildError("signal '" + model.signals.info(static_cast<SignalId>(s)).name +
                       "' has several writers (" + std::to_string(a.sets.size()) + " sets, " +
                       std::to_string(a.updates.size()) + " updates); expected at most one each");
    }
    link(a.sets, a.incs);
    link(a.sets, a.reads);
    link(a.sets, a.updates);
    link(a.incs, a.reads);
    link(a.incs, a.updates);
    link(a.reads, a.updates);
    for (std::size_t i = 1; i < a.incs.size(); ++i) link({a.incs[i - 1]}, {a.incs[i]});
  }
  return g;
}

}  // namespace

std::size_t Schedule::operator_count() const {
  std::size_t n = 0;
  for (const auto& s : stages) n += s.ops.size();
  return n;
}

namespace {
void describe_stages(std::ostringstream& out, const Model& model, const std::vector<Stage>& stages) {
  auto names = [&model](const std::vector<SignalId>& ids) {
    std::string s;
    for (SignalId id : ids) s += (s.empty() ? "" : ",") + model.signals.info(id).name;
    return s;
  };
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const Stage& stage = stages[i];
    out << "stage " << i << " (" << stage.ops.size() << (stage.ops.size() > 1 ? " in parallel" : "") << "):\n";
    for (int op_index : stage.ops) {
      const auto index = static_cast<std::size_t>(op_index);
      const Operator& op = *model.operators[index];
      const AccessLists& a = op.access();
      out << "  " << op.kind() << "  " << op.origin();
      if (!a.reads.empty()) out << "  reads " << names(a.reads);
      if (!a.sets.empty()) out << "  sets " << names(a.sets);
      if (!a.incs.empty()) out << "  incs " << names(a.incs);
      if (!a.updates.empty()) out << "  updates " << names(a.updates);
      if (op.phase() == Phase::last_step) out << "  [last step only]";
      out << "\n";
    }
  }
}
}  // namespace

namespace {

// The stages of the operators marked in `include` (the others are left out entirely).
std::vector<Stage> plan_stages(const Model& model, const std::vector<char>& include) {
  const OpGraph g = dependency_graph(model, include);
  const std::size_t n = boost::num_vertices(g);
  std::vector<std::size_t> waiting(n);
  std::vector<std::size_t> level(n, 0);
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  std::size_t included = 0;
  for (std::size_t v = 0; v < n; ++v) {
    if (!include[v]) continue;
    ++included;
    waiting[v] = boost::in_degree(v, g);
    if (waiting[v] == 0) ready.push(v);
  }
  // Kahn's algorithm, smallest index first; a node's stage is its longest path from a source.
  std::size_t done = 0;
  std::vector<Stage> stages;
  while (!ready.empty()) {
    const std::size_t v = ready.top();
    ready.pop();
    ++done;
    if (level[v] >= stages.size()) stages.resize(level[v] + 1);
    stages[level[v]].ops.push_back(static_cast<int>(v));
    for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
      const std::size_t w = boost::target(*e, g);
      level[w] = std::max(level[w], level[v] + 1);
      if (--waiting[w] == 0) ready.push(w);
    }
  }
  if (done != included) {
    std::string stuck;
    for (std::size_t v = 0; v < n && stuck.size() < 200; ++v)
      if (include[v] && waiting[v] > 0) stuck += (stuck.empty() ? "" : ", ") + model.operators[v]->kind() + " of " + model.operators[v]->origin();
    throw BuildError("operator graph has a cycle among: " + stuck);
  }
  for (Stage& stage : stages) {
    std::sort(stage.ops.begin(), stage.ops.end());
    for (int op : stage.ops) stage.flops_per_row += model.operators[static_cast<std::size_t>(op)]->flops_per_row();
  }
  return stages;
}

}  // namespace

Schedule plan_schedule(const Model& model) {
  const std::size_t n = model.operators.size();
  std::vector<char> main(n), prefix(n);
  for (std::size_t i = 0; i < n; ++i) {
    main[i] = in_step_loop(model.operators[i]->phase());
    prefix[i] = in_prefix(model.operators[i]->phase());
  }
  Schedule schedule;
  schedule.stages = plan_stages(model, main);
  schedule.prefix_stages = plan_stages(model, prefix);
  return schedule;
}

std::string describe_schedule(const Model& model, const Schedule& schedule) {
  std::ostringstream out;
  if (!schedule.prefix_stages.empty()) {
    std::size_t ops = 0;
    for (const auto& s : schedule.prefix_stages) ops += s.ops.size();
    out << "prefix pass (every step of a run, before the step loop): " << schedule.prefix_stages.size()
        << " stages, " << ops << " operators\n";
    describe_stages(out, model, schedule.prefix_stages);
    out << "step loop: ";
  }
  out << schedule.stages.size() << " stages, " << schedule.operator_count() << " operators per step\n";
  describe_stages(out, model, schedule.stages);
  if (!model.rewrite_notes.empty()) {
    out << "time-parallel rewrites:\n";
    for (const std::string& note : model.rewrite_notes) out << "  " << note << "\n";
  }
  return out.str();
}

}  // namespace netsim
