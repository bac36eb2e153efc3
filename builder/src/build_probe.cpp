#include <numeric>

#include "build_steps.h"
#include "netsim/builder/operators/elementwise_op.h"
#include "netsim/builder/operators/filter_op.h"
#include "netsim/builder/operators/probe_op.h"

namespace netsim::detail {

void build_probe(Model& m, const Probe& p, const BuildOptions& options) {
  SignalId src = p.attribute == ProbeAttribute::voltage ? m.node_voltage.at(p.target.name) : m.node_output.at(p.target.name);
  std::vector<int> all(static_cast<std::size_t>(p.size()));
  std::iota(all.begin(), all.end(), 0);
  if (p.indices.size() != static_cast<std::size_t>(m.signals.info(src).size) || p.indices != all) {
    const SignalId picked = m.signals.add(p.name + ".target", p.size());
    m.add<ElementwiseOp>(p.where(), src, p.indices, picked, all, nullptr, WriteMode::set);
    src = picked;
  }
  if (!p.synapse.is_none()) {
    const SignalId s = m.signals.add(p.name + ".synapse", p.size());
    m.add<FilterOp>(p.where(), src, s, p.size(),
                    nodes::DiscreteFilter(p.synapse.numerator(), p.synapse.denominator(), options.dt));
    src = s;
  }
  const double period = p.sample_every ? *p.sample_every / options.dt : 1.0;
  m.probes.push_back(m.add<ProbeOp>(p.name, src, p.size(), period, p.keep_history));
}

}  // namespace netsim::detail
