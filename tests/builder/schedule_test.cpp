// The schedule follows Nengo's sets -> incs -> reads -> updates contract and is the same
// on every build.

#include <doctest/doctest.h>

#include <map>

#include <netsim/netsim.h>

namespace netsim::test {
namespace {

Network mini_lmu() {
  Network net("mini");
  auto x = net.input("x", 1);
  auto u = net.node("u", 1);
  auto m = net.node("m", 4);
  auto h = net.node("h", 3, Activation::tanh);
  auto out = net.node("out", 2);
  net.connect(x, u);
  net.connect(u, m, {.transform = init::ones()});
  net.connect(m, m, {.transform = init::orthogonal(), .synapse = Synapse::delay()});
  net.connect(x, h, {.transform = init::glorot_uniform()});
  net.connect(m, h, {.transform = init::glorot_uniform()});
  net.connect(h, h, {.transform = init::glorot_uniform(), .synapse = Synapse::delay()});
  net.connect(h, out, {.transform = init::glorot_uniform(), .synapse = Synapse::lowpass(0.1)});
  net.probe(out, {.name = "p"});
  return net;
}

}  // namespace

TEST_CASE("schedule: every access-list dependency points to a later stage") {
  // The plain step-by-step schedule: every operator in the step loop.
  const Model model = build_model(mini_lmu(), {.dt = 1.0, .rewrites = RewriteOptions::all(false)});
  const Schedule schedule = plan_schedule(model);
  REQUIRE(schedule.operator_count() == model.operators.size());
  std::map<int, std::size_t> stage_of;
  for (std::size_t s = 0; s < schedule.stages.size(); ++s)
    for (int op : schedule.stages[s].ops) stage_of[op] = s;
  // For each signal, the stage of each kind of access.
  auto stages = [&](auto member, SignalId sig) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < model.operators.size(); ++i) {
      const auto& list = model.operators[i]->access().*member;
      if (std::find(list.begin(), list.end(), sig) != list.end()) out.push_back(stage_of[static_cast<int>(i)]);
    }
    return out;
  };
  for (SignalId sig = 0; sig < model.signals.count(); ++sig) {
    CAPTURE(model.signals.info(sig).name);
    const auto sets = stages(&AccessLists::sets, sig), incs = stages(&AccessLists::incs, sig);
    const auto reads = stages(&AccessLists::reads, sig), updates = stages(&AccessLists::updates, sig);
    auto before = [](const std::vector<std::size_t>& a, const std::vector<std::size_t>& b) {
      for (auto x : a)
        for (auto y : b) CHECK(x < y);
    };
    before(sets, incs);
    before(sets, reads);
    before(incs, reads);
    before(reads, updates);
    before(incs, updates);
    CHECK(sets.size() + updates.size() <= 1);
  }
}

TEST_CASE("schedule: the same network gives the same schedule every time") {
  const Model a = build_model(mini_lmu(), {.dt = 1.0});
  const Model b = build_model(mini_lmu(), {.dt = 1.0});
  const std::string first = describe_schedule(a, plan_schedule(a));
  CHECK(first == describe_schedule(b, plan_schedule(b)));
  CHECK(first.find("DotUpdate  connection 'm->m'  reads m  updates m->m.synapse") != std::string::npos);
  CHECK(first.find("Filter  connection 'h->out'") != std::string::npos);
}

TEST_CASE("schedule: independent operators share a stage") {
  Network net;
  auto a = net.constant("a", VectorD::Ones(2));
  auto b = net.node("b", 2);
  auto c = net.node("c", 2);
  net.connect(a, b, {.transform = 2.0});
  net.connect(a, c, {.transform = 3.0});
  const Model model = build_model(net, {});
  const Schedule schedule = plan_schedule(model);
  // Constant + two resets, then both transforms, side by side.
  REQUIRE(schedule.stages.size() == 2);
  CHECK(schedule.stages[0].ops.size() == 3);
  CHECK(schedule.stages[1].ops.size() == 2);
}

}  // namespace netsim::test
