// The netsim command as a user meets it: help, usage errors, inputs, parameters, output
// files written whole or not at all.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "apps/netsim_command.h"
#include "netsim/core/npy.h"
#include "netsim/core/npz.h"
#include "scratch_dir.h"

namespace netsim::test {
namespace {

// y = W x (dense 2x1, trainable) with x from data; probe y.
constexpr const char* kNetwork = R"(netsim: 1
name: cli
dt: 0.5
nodes:
  x: {input: 1}
  y: {size: 2}
connections:
  - {from: x, to: y, name: w, transform: {init: glorot_uniform}}
probes:
  y_p: {target: y}
)";

NdArray input_data() {  // (batch 2, steps 3, size 1)
  return NdArray{{2, 3, 1}, {1, 2, 3, -1, -2, -3}};
}

}  // namespace

TEST_CASE("netsim: --help exits 0, no arguments or an unknown command exit 2") {
  CHECK(run_netsim({"--help"}).exit_code == 0);
  const CommandResult none = run_netsim({});
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("usage: netsim COMMAND") != std::string::npos);
  const CommandResult unknown = run_netsim({"rnu"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("unknown command 'rnu'") != std::string::npos);
  for (const char* command : {"run", "validate", "describe"}) {
    const CommandResult r = run_netsim({command, "--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find(std::string("usage: netsim ") + command) != std::string::npos);
  }
}

TEST_CASE("netsim --version prints the project's one version, which run.json records too") {
  const CommandResult v = run_netsim({"--version"});
  CHECK(v.exit_code == 0);
  CHECK(v.out == std::string("netsim ") + NETSIM_PROJECT_VERSION + "\n");
  const ScratchDir dir;
  const std::string net = dir.write("net.yaml", kNetwork);
  const std::string x = dir.write("x.npy", format_npy(input_data()));
  REQUIRE(run_netsim({"run", net, "--input", "x=" + x, "--out", dir.file("out"), "--quiet"}).exit_code == 0);
  CHECK(read_file_bytes(dir.file("out/run.json")).find(std::string("\"netsim_version\": \"") + NETSIM_PROJECT_VERSION + "\"") !=
        std::string::npos);
}

TEST_CASE("netsim run: usage errors exit 2 and name the argument") {
  const ScratchDir dir;
  const std::string net = dir.write("net.yaml", kNetwork);
  const CommandResult bad_option = run_netsim({"run", net, "--stepz", "3"});
  CHECK(bad_option.exit_code == 2);
  CHECK(
      bad_option.err.find("error: netsim run: unknown option --stepz (did you mean '--steps'?)") !=
      std::string::npos);
  const CommandResult bad_steps = run_netsim({"run", net, "--steps", "-3"});
  CHECK(bad_steps.exit_code == 2);
  CHECK(bad_steps.err.find("--steps: expected an integer >= 1, got \"-3\"") != std::string::npos);
  const CommandResult two_files = run_netsim({"run", net, net});
  CHECK(two_files.exit_code == 2);
  CHECK(two_files.err.find("expected one network file") != std::string::npos);
}

TEST_CASE("netsim run: an --out path the system refuses is a usage error naming it, before any work (found by the command-line fuzz target)") {
  const ScratchDir dir;
  const std::string net = dir.write("net.yaml", kNetwork);
  const std::string x = dir.write("x.npy", format_npy(input_data()));
  const std::string too_long(300, 'x');  // one name longer than NAME_MAX
  const CommandResult r = run_netsim({"run", net, "--input", "x=" + x, "--out", dir.file(too_long), "--quiet"});
  CHECK(r.exit_code == 2);  // was: exit 1 after the whole run, "cannot create the folder"
  CHECK(r.err.find("--out " + dir.file(too_long) + ": cannot use this folder: File name too long") != std::string::npos);
}

TEST_CASE("netsim run: input data sets minibatch and steps, probes.npz holds W x") {
  const ScratchDir dir;
  const std::string net = dir.write("net.yaml", kNetwork);
  const std::string x = dir.write("x.npy", format_npy(input_data()));
  const std::string params = dir.file("p.npz");
  write_npz(params, {{"w", NdArray{{2, 1}, {0.5f, -2.0f}}}});
  const CommandResult r = run_netsim({"run", net, "--input", "x=" + x, "--params", params, "--out", dir.file("out")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const NdArray y = read_npz_array(dir.file("out/probes.npz"), "y_p");
  REQUIRE(y.shape == std::vector<Index>{2, 3, 2});
  const NdArray in = input_data();
  for (std::size_t k = 0; k < 6; ++k) {
    CHECK(y.values[2 * k] == doctest::Approx(0.5 * in.values[k]));
    CHECK(y.values[2 * k + 1] == doctest::Approx(-2.0 * in.values[k]));
  }
}

TEST_CASE("netsim run: missing or mismatched input data is a configuration error") {
  const ScratchDir dir;
  const std::string net = dir.write("net.yaml", kNetwork);
  const CommandResult none = run_netsim({"run", net, "--steps", "3", "--out", dir.file("out")});
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("input node 'x' has no data; give it with --input x=FILE.npy") != std::string::npos);
  const std::string wide = dir.write("wide.npy", format_npy(NdArray{{1, 3, 2}, {0, 0, 0, 0, 0, 0}}));
  const CommandResult size = run_netsim({"run", net, "--input", "x=" + wide, "--out", dir.file("out")});
  CHECK(size.exit_code == 2);
  CHECK(size.err.find("expected 1 values per step (the size of 'x'), got shape (1, 3, 2)") != std::string::npos);
  const CommandResult node = run_netsim({"run", net, "--input", "y=" + wide, "--out", dir.file("out")});
  CHECK(node.exit_code == 2);
  CHECK(node.err.find("only input nodes take data") != std::string::npos);
  const CommandResult missing =
      run_netsim({"run", net, "--input", "x=" + dir.file("nofile.npy"), "--out", dir.file("out")});
  CHECK(missing.exit_code == 2);  // the option named, "error:", the file and why
  CHECK(missing.err.starts_with("error: --input x=" + dir.file("nofile.npy") + ": " +
                                dir.file("nofile.npy") + ": cannot read: "));
  const std::string flat =
      dir.write("flat.npy", format_npy(NdArray{{3}, {0.5f, -1.0f, 2.0f}}));  // (steps,): size-1 x
  const CommandResult one_d =
      run_netsim({"run", net, "--input", "x=" + flat, "--out", dir.file("flat_out")});
  CAPTURE(one_d.err);
  CHECK(one_d.exit_code == 0);
  const CommandResult few = run_netsim({"run", net, "--input", "x=" + wide, "--steps", "9", "--out", dir.file("out")});
  CHECK(few.exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(dir.file("out")));
}

TEST_CASE("netsim run: a failed run neither clobbers earlier output nor leaves temporary files") {
  const ScratchDir dir;
  const std::string net = dir.write("net.yaml", kNetwork);
  const std::string x = dir.write("x.npy", format_npy(input_data()));
  REQUIRE(run_netsim({"run", net, "--input", "x=" + x, "--out", dir.file("out")}).exit_code == 0);
  const std::string before = read_file_bytes(dir.file("out/probes.npz"));
  REQUIRE(!before.empty());

  const std::string wrong = dir.file("wrong.npz");
  write_npz(wrong, {{"w", NdArray{{3, 1}, {1, 2, 3}}}});
  const CommandResult r = run_netsim({"run", net, "--input", "x=" + x, "--params", wrong, "--out", dir.file("out")});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("key \"w\": expected shape (2, 1), got (3, 1)") != std::string::npos);
  CHECK(read_file_bytes(dir.file("out/probes.npz")) == before);
  int files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.file("out"))) ++files;
  CHECK(files == 2);  // probes.npz and run.json, no temporaries
}

TEST_CASE("netsim run: --out naming a file is refused before running") {
  const ScratchDir dir;
  const std::string net = dir.write("net.yaml", kNetwork);
  const std::string x = dir.write("x.npy", format_npy(input_data()));
  const std::string file = dir.write("taken", "keep me");
  const CommandResult r = run_netsim({"run", net, "--input", "x=" + x, "--out", file});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("expected a folder, got a file") != std::string::npos);
  CHECK(read_file_bytes(file) == "keep me");
}

TEST_CASE("netsim describe: weight counts, schedule and a Graphviz file") {
  const ScratchDir dir;
  const std::string net = dir.write("net.yaml", kNetwork);
  const CommandResult r = run_netsim({"describe", net, "--dot", dir.file("g.dot")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Parameters: 2 (trainable 2, fixed 0)") != std::string::npos);
  CHECK(r.out.find("stage 0") != std::string::npos);
  CHECK(r.out.find("DotInc  connection 'w'") != std::string::npos);
  const std::string dot = read_file_bytes(dir.file("g.dot"));
  CHECK(dot.find("digraph \"cli\"") == 0);
  CHECK(dot.find("\"x\" -> \"y\"") != std::string::npos);
}

TEST_CASE("netsim validate: ok line on stdout, exit 0") {
  const ScratchDir dir;
  const CommandResult r = run_netsim({"validate", dir.write("net.yaml", kNetwork)});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("ok: network \"cli\", 2 nodes, 1 connections, 1 probes, 2 weights") != std::string::npos);
}

}  // namespace netsim::test

namespace netsim::test {

TEST_CASE("examples: every network file in examples/ and its folders validates and describes") {
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(NETSIM_EXAMPLES)) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    const std::string path = entry.path().string();
    CAPTURE(path);
    const CommandResult v = run_netsim({"validate", path});
    INFO(v.err);
    CHECK(v.exit_code == 0);
    CHECK(run_netsim({"describe", path}).exit_code == 0);
  }
  CHECK(files >= 35);  // the seeds', neurons/, nengo/ (23), regression/
}

TEST_CASE("examples: psmnist_lmu_nodes.yaml has the NengoDL seed's weights") {
  const CommandResult r = run_netsim({"describe", std::string(NETSIM_EXAMPLES) + "/psmnist_lmu_nodes.yaml"});
  REQUIRE(r.exit_code == 0);
  // trainable: x->h 212 + h->h 212^2 + m->h 212*256 + h->out 212*10; fixed: A 256^2 + B 256 + encoder 1
  CHECK(r.out.find("Parameters: 167,341 (trainable 101,548, fixed 65,793)") != std::string::npos);
}

}  // namespace netsim::test

namespace netsim::test {

TEST_CASE("netsim run: input from .npz members, by node name or by KEY") {
  const ScratchDir dir;
  const std::string net = dir.write("net.yaml", kNetwork);
  write_npz(dir.file("data.npz"), {{"x", input_data()}, {"other", NdArray{{1, 2, 1}, {5, 6}}}});
  const CommandResult by_node = run_netsim({"run", net, "--input", "x=" + dir.file("data.npz"), "--out", dir.file("a")});
  INFO(by_node.err);
  CHECK(by_node.exit_code == 0);
  CHECK(read_npz_array(dir.file("a/probes.npz"), "y_p").shape == std::vector<Index>{2, 3, 2});
  const CommandResult by_key = run_netsim({"run", net, "--input", "x=" + dir.file("data.npz") + ":other", "--out", dir.file("b")});
  CHECK(by_key.exit_code == 0);
  CHECK(read_npz_array(dir.file("b/probes.npz"), "y_p").shape == std::vector<Index>{1, 2, 2});
}

TEST_CASE("netsim run: a network without probes writes an empty probes.npz") {
  const ScratchDir dir;
  const std::string net = dir.write("net.yaml", "netsim: 1\nnodes: {c: {constant: [1]}}\n");
  const CommandResult r = run_netsim({"run", net, "--steps", "2", "--out", dir.file("out")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(read_npz(dir.file("out/probes.npz")).empty());
}

}  // namespace netsim::test

namespace netsim::test {
namespace {

// The arrays of two .npz files are equal bit for bit (the zip entries' times may differ).
bool same_probes(const std::string& a, const std::string& b) {
  const NamedArrays x = read_npz(a), y = read_npz(b);
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (x[i].first != y[i].first || x[i].second.shape != y[i].second.shape || x[i].second.values != y[i].second.values) return false;
  return true;
}

}  // namespace

TEST_CASE("netsim run streams its probes: pieces equal one run, and a killed run leaves readable probes") {
  const ScratchDir dir;
  // A recurrent network with a probe per step, one sampled every 3 steps, one without history.
  const std::string file = dir.write("stream.yaml", R"(netsim: 1
dt: 0.001
nodes:
  u: {function: [sin(10 * t), cos(7 * t)]}
  h: {size: 3, activation: tanh}
connections:
  - {from: u, to: h, transform: [[0.5, -0.2], [0.3, 0.8], [-0.6, 0.1]]}
  - {from: h, to: h, transform: [[0.2, 0.1, 0], [0, 0.3, -0.1], [0.1, 0, 0.2]], synapse: 0}
probes:
  every: h
  third: {target: h, sample_every: 0.003, synapse: 0.01}
  last: {target: "h[0]", keep_history: false}
run: {steps: 100}
)");
  for (const std::string minibatch : {"1", "3"}) {
    CAPTURE(minibatch);
    const std::string whole = dir.file("whole" + minibatch), pieces = dir.file("pieces" + minibatch);
    REQUIRE(run_netsim({"run", file, "--minibatch", minibatch, "--out", whole, "--quiet"}).exit_code == 0);
    setenv("NETSIM_RUN_PIECE_STEPS", "7", 1);
    const CommandResult r = run_netsim({"run", file, "--minibatch", minibatch, "--out", pieces, "--quiet"});
    unsetenv("NETSIM_RUN_PIECE_STEPS");
    REQUIRE(r.exit_code == 0);
    CHECK(same_probes(whole + "/probes.npz", pieces + "/probes.npz"));
    CHECK(!std::filesystem::exists(pieces + "/probes.partial"));
    const NamedArrays probes = read_npz(pieces + "/probes.npz");
    REQUIRE(probes.size() == 3);
    CHECK(probes[0].second.shape == std::vector<Index>{std::stol(minibatch), 100, 3});
    CHECK(probes[1].second.shape == std::vector<Index>{std::stol(minibatch), 33, 3});  // steps 3, 6, ..., 99
    CHECK(probes[2].second.shape == std::vector<Index>{std::stol(minibatch), 1, 1});
    const std::string record = read_file_bytes(pieces + "/run.json");
    CHECK(record.find("\"step\": 0.003") != std::string::npos);  // sample times as start, step and count
    CHECK(record.find("\"count\": 33") != std::string::npos);
  }
  // Killed after 5 pieces of 7 steps: 35 steps of each probe with history on disk.
  const std::string killed = dir.file("killed");
  setenv("NETSIM_RUN_PIECE_STEPS", "7", 1);
  setenv("NETSIM_KILL_AFTER_PIECES", "5", 1);
  const CommandResult k = run_netsim({"run", file, "--out", killed, "--quiet"});
  unsetenv("NETSIM_RUN_PIECE_STEPS");
  unsetenv("NETSIM_KILL_AFTER_PIECES");
  CHECK(k.exit_code != 0);
  CHECK(!std::filesystem::exists(killed + "/probes.npz"));
  const NdArray every = read_npy(killed + "/probes.partial/every.npy");
  CHECK(every.shape == std::vector<Index>{1, 35, 3});
  const NamedArrays complete = read_npz(dir.file("whole1") + "/probes.npz");
  for (Index i = 0; i < 35 * 3; ++i) CHECK(every.values[static_cast<std::size_t>(i)] == complete[0].second.values[static_cast<std::size_t>(i)]);
  CHECK(read_npy(killed + "/probes.partial/third.npy").shape == std::vector<Index>{1, 11, 3});  // steps 3 ... 33
  // Continued: the same probes.npz as the run that was never stopped.
  setenv("NETSIM_RUN_PIECE_STEPS", "9", 1);
  const CommandResult c = run_netsim({"run", file, "--out", killed, "--continue", "--quiet"});
  unsetenv("NETSIM_RUN_PIECE_STEPS");
  CAPTURE(c.err);
  REQUIRE(c.exit_code == 0);
  CHECK(same_probes(killed + "/probes.npz", dir.file("whole1") + "/probes.npz"));
  CHECK(!std::filesystem::exists(killed + "/probes.partial"));
  // With a minibatch of 3, killed twice.
  const std::string twice = dir.file("twice");
  setenv("NETSIM_RUN_PIECE_STEPS", "6", 1);
  setenv("NETSIM_KILL_AFTER_PIECES", "4", 1);
  CHECK(run_netsim({"run", file, "--minibatch", "3", "--out", twice, "--quiet"}).exit_code != 0);
  CHECK(run_netsim({"run", file, "--minibatch", "3", "--out", twice, "--quiet", "--continue"}).exit_code != 0);
  unsetenv("NETSIM_KILL_AFTER_PIECES");
  CHECK(run_netsim({"run", file, "--minibatch", "3", "--out", twice, "--quiet", "--continue"}).exit_code == 0);
  unsetenv("NETSIM_RUN_PIECE_STEPS");
  CHECK(same_probes(twice + "/probes.npz", dir.file("whole3") + "/probes.npz"));
  // Nothing to continue, or another minibatch: clear errors.
  CHECK(run_netsim({"run", file, "--out", dir.file("fresh"), "--continue"}).err.find("no stopped run to continue") != std::string::npos);
}

}  // namespace netsim::test

namespace netsim::test {

TEST_CASE("netsim plot draws every probe of a run, one picture or several, and of a stopped run") {
  const ScratchDir dir;
  const std::string file = dir.write("spiking.yaml", R"(netsim: 1
nodes:
  u: {function: sin(6 * t)}
  a: {ensemble: {n_neurons: 12}}
connections:
  - {from: u, to: a, synapse: 0.005}
probes:
  decoded: {target: a, synapse: 0.01}
  spikes: {target: a.neurons}
  voltage: {target: "a.neurons[0:4]", attr: voltage}
run: {time: 0.5}
)");
  const std::string out = dir.file("out");
  REQUIRE(run_netsim({"run", file, "--out", out, "--quiet"}).exit_code == 0);
  const std::string record = read_file_bytes(out + "/run.json");
  CHECK(record.find("\"records\": \"spikes\"") != std::string::npos);
  CHECK(record.find("\"records\": \"voltage\"") != std::string::npos);
  CHECK(record.find("\"records\": \"values\"") != std::string::npos);
  auto is_png = [](const std::string& path) { return read_file_bytes(path).substr(1, 3) == "PNG"; };
  const CommandResult p = run_netsim({"plot", out});
  CAPTURE(p.err);
  REQUIRE(p.exit_code == 0);
  for (const char* probe : {"decoded", "spikes", "voltage"}) CHECK(is_png(out + "/plots/" + probe + ".png"));
  REQUIRE(run_netsim({"plot", out, "--probe", "spikes", "--probe", "decoded", "--one", dir.file("both.png"), "--from", "0.1"}).exit_code == 0);
  CHECK(is_png(dir.file("both.png")));
  CHECK(run_netsim({"plot", out, "--probe", "spike"}).err.find("no probe 'spike'") != std::string::npos);
  CHECK(run_netsim({"plot", dir.file("nothing")}).exit_code == 2);
  // A run killed part-way: its streamed probes are drawn.
  setenv("NETSIM_RUN_PIECE_STEPS", "100", 1);
  setenv("NETSIM_KILL_AFTER_PIECES", "2", 1);
  const std::string killed = dir.file("killed");
  (void)run_netsim({"run", file, "--out", killed, "--quiet"});
  unsetenv("NETSIM_RUN_PIECE_STEPS");
  unsetenv("NETSIM_KILL_AFTER_PIECES");
  REQUIRE(run_netsim({"plot", killed}).exit_code == 0);
  CHECK(is_png(killed + "/plots/spikes.png"));
}

}  // namespace netsim::test
