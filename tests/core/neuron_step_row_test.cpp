// A neuron type's whole-row step (neuron_record.h: step_row, the fast path the neurons
// operator takes) against its per-neuron step(), bit for bit: for every type of the list
// that has one, random parameters, initial states and currents (below, near and far above
// threshold), 10^6 neuron-steps per type; outputs and every state variable compared as
// bits.
#include <doctest/doctest.h>

#include <cstring>
#include <utility>
#include <vector>

#include <netsim/core/neuron_type.h>
#include <netsim/core/random.h>

namespace netsim::test {
namespace {

template <class Record>
Record random_parameters(Rng& rng) {
  Record t;
  for (const auto& p : Record::parameters) {
    switch (p.bound) {
      case neurons::Bound::positive: t.*p.member = p.name == "tau_ref" ? rng.uniform(0.0002, 0.005) : rng.uniform(0.005, 0.1); break;
      case neurons::Bound::non_negative: t.*p.member = rng.uniform(0.0, 0.1); break;
      case neurons::Bound::non_positive: t.*p.member = rng.uniform(0.0, 1.0) < 0.5 ? 0.0 : rng.uniform(-1.0, 0.0); break;
    }
  }
  return t;
}

template <class Record>
long compare_row_step(std::uint64_t seed, long& neuron_steps, long& events) {
  Rng rng(seed);
  const Record type = random_parameters<Record>(rng);
  const double dt = std::vector<double>{0.001, 0.0005, 0.002}[rng.below(3)];
  const Index n = 1000, vars = static_cast<Index>(Record::state.size());
  const long steps = 1000;
  std::vector<double> row_state(static_cast<std::size_t>(n * vars)), one_state;
  for (Index i = 0; i < n; ++i)
    for (Index v = 0; v < vars; ++v)
      row_state[static_cast<std::size_t>(i * vars + v)] = Record::state[static_cast<std::size_t>(v)].starts_uniform ? rng.uniform(0.0, 1.0) : rng.uniform(-0.002, 0.004);
  one_state = row_state;
  std::vector<double> J(static_cast<std::size_t>(n)), a_row(J.size()), a_one(J.size());
  std::vector<double> level(J.size());
  for (double& l : level) l = rng.uniform(0.0, 1.0) < 0.2 ? rng.uniform(0.99, 1.01) : rng.uniform(-2.0, 30.0);
  long different = 0;
  for (long k = 0; k < steps; ++k) {
    for (std::size_t i = 0; i < J.size(); ++i) J[i] = level[i] + rng.uniform(-0.05, 0.05);
    type.step_row(dt, J.data(), a_row.data(), row_state.data(), n);
    for (Index i = 0; i < n; ++i) a_one[static_cast<std::size_t>(i)] = type.step(dt, J[static_cast<std::size_t>(i)], one_state.data() + i * vars);
    different += std::memcmp(a_row.data(), a_one.data(), a_row.size() * sizeof(double)) != 0 ? 1 : 0;
    different += std::memcmp(row_state.data(), one_state.data(), row_state.size() * sizeof(double)) != 0 ? 1 : 0;
    for (double x : a_one) events += x != 0.0 ? 1 : 0;
    neuron_steps += n;
  }
  return different;
}

template <std::size_t... I>
void compare_every_row_stepped(std::index_sequence<I...>) {
  (
      [] {
        using Record = std::variant_alternative_t<I, NeuronType>;
        if constexpr (neurons::RowStepped<Record>) {
          long neuron_steps = 0, events = 0, different = 0;
          for (std::uint64_t seed = 1; seed <= 3; ++seed) different += compare_row_step<Record>(seed, neuron_steps, events);
          CAPTURE(Record::name);
          CHECK(different == 0);
          CHECK(neuron_steps >= 1000000);
          CHECK(events > neuron_steps / 1000);  // spikes happened: the spiking branch was compared too
          MESSAGE(Record::name << ": " << neuron_steps << " neuron-steps, " << events << " spikes, step_row == step bit for bit");
        }
      }(),
      ...);
}

}  // namespace

TEST_CASE("neuron types: the whole-row step equals the per-neuron step bit for bit") {
  compare_every_row_stepped(std::make_index_sequence<std::variant_size_v<NeuronType>>{});
  // At least one type takes the fast path (lif).
  CHECK(neurons::RowStepped<neurons::Lif>);
}

}  // namespace netsim::test
