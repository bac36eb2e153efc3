// netsim run FILE.yaml: simulate and write DIR/probes.npz and DIR/run.json.
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "command_line.h"
#include "commands.h"
#include "input_binding.h"
#include "json_writer.h"
#include "netsim/builder/parameter_file.h"
#include "netsim/config/network_file.h"
#include "netsim/core/atomic_file.h"
#include "netsim/core/npz.h"
#include "output_folder.h"
#include "probe_streams.h"
#include "progress_bar.h"

namespace netsim::cli {
namespace {

constexpr const char* kHelp = R"(usage: netsim run FILE.yaml [options]

Simulates the network and writes, into the output folder:
  probes.npz   one float32 array per probe, named after it, shaped (batch, samples, size)
  run.json     netsim version, network file, dt, steps, probe shapes and sample times, wall time

options:
  --steps N            steps to run (default: run.steps, else the length of the input data)
  --minibatch B        sequences simulated together (default: run.minibatch, else the
                       batch of the input data, else 1)
  --input NODE=FILE    data for an input node: FILE.npy, FILE.npz (member NODE) or
                       FILE.npz:KEY, shaped (batch, steps, size) or (steps, size); repeatable
  --split S            instead of --input: the data: section's split S (test, validation or
                       train), preprocessed as training sees it; every sequence is run, a
                       minibatch at a time, and the probes hold all of them in order
  --params P.npz       connection weights saved by save_params / netsim train
  --out DIR            output folder (default: FILE's name with .out, in the current folder)
  --continue           finish a run that was stopped (killed): its probes streamed so far
                       (DIR/probes.partial) are kept, its steps run again without writing
                       (the same samples: runs are deterministic), and the rest appended
  --threads T          worker threads (default: run.threads, else every core)
  --quiet              no progress bar
  --help               this text
)";

std::string default_out(const std::string& file) {
  return std::filesystem::path(file).stem().string() + ".out";
}

std::string run_record(const config::NetworkFile& file, const Simulator& sim, const std::vector<ProbeOutput>& probes,
                       long steps, const std::string& params, double wall_seconds) {
  JsonWriter json;
  json.begin_object()
      .field("netsim_version", NETSIM_VERSION)
      .field("network_file", std::filesystem::absolute(file.path).string())
      .field("network", file.network.name())
      .field("dt", file.dt)
      .field("steps", static_cast<long long>(steps))
      .field("minibatch", static_cast<long long>(sim.options().minibatch))
      .field("seed", static_cast<long long>(file.seed))
      .field("params_file", params)
      .field("wall_time_s", wall_seconds);
  json.begin_object("probes");
  for (const ProbeOutput& p : probes) {
    // What it records, for tools that draw it (netsim plot): a spiking type's output is
    // spikes, a voltage a voltage, anything else values.
    const Probe* probe = file.network.find_probe(p.name);
    const Node* target = probe ? file.network.find_node(probe->target.name) : nullptr;
    const NeuronType* type = target ? neuron_type_of(*target) : nullptr;
    const bool voltage = probe && probe->attribute == ProbeAttribute::voltage;
    const std::string kind = voltage ? "voltage" : type && is_spiking(*type) && probe->synapse.is_none() ? "spikes" : "values";
    json.begin_object(p.name)
        .integers("shape", {p.shape.begin(), p.shape.end()})
        .field("target", probe ? probe->target.to_string() : std::string())
        .field("records", kind);
    // Evenly spaced samples as start, step and count (times = start + step * arange(count)).
    if (p.times.even) {
      json.begin_object("sample_times")
          .field("start", p.times.start)
          .field("step", p.times.step)
          .field("count", p.times.count)
          .end_object();
    } else {
      json.numbers("sample_times", p.times.listed);
    }
    json.end_object();
  }
  json.end_object().end_object();
  return json.str();
}

// Each probe's shape and sample times, from the simulator (a run held in memory).
std::vector<ProbeOutput> held_outputs(const Simulator& sim, const std::map<std::string, Array3>& data) {
  std::vector<ProbeOutput> outputs;
  for (const std::string& name : sim.probe_names()) {
    const Array3& d = data.at(name);
    ProbeOutput p{name, {d.dim(0), d.dim(1), d.dim(2)}, {}};
    p.times.add(sim.probe_times(name));
    outputs.push_back(std::move(p));
  }
  return outputs;
}

// netsim run FILE --split S: every sequence of a data: split through the network, a
// minibatch at a time; probes.npz holds them all, in the split's order.
int run_split(const CommandLine& cl, const config::NetworkFile& file, const std::string& path, const std::string& name) {
  if (!cl.values("input").empty()) throw UsageError("netsim run: give --input or --split, not both");
  if (cl.flag("continue")) throw UsageError("netsim run: --continue finishes a stopped run of the file's own inputs, not a --split");
  if (!file.data) throw ValidationError(path + ": --split " + name + ": the file has no data: section");
  config::Split split = config::Split::test;
  if (name == "validation") split = config::Split::validation;
  else if (name == "train") split = config::Split::train;
  else if (name != "test") throw UsageError("--split: expected test, validation or train, got \"" + name + "\"");
  config::Datasets data = config::load_datasets(*file.data, {split});
  const auto& chosen = split == config::Split::train ? data.train : split == config::Split::validation ? data.validation : data.test;
  if (!chosen) throw ValidationError(path + ": data: has no " + name + " split");
  const Dataset& d = *chosen;
  const std::string where = path + ": the " + name + " split";
  const Index n = d.size(where);
  long steps = d.steps(where);
  if (const auto s = cl.integer("steps", 1)) steps = std::min(steps, static_cast<long>(*s));
  const auto minibatch_arg = cl.integer("minibatch", 1);
  const Index minibatch = std::min<Index>(n, minibatch_arg ? *minibatch_arg : file.run.minibatch.value_or(32));
  const OutputFolder out(cl.value("out").value_or(default_out(path)));
  SimulatorOptions options = file.simulator_options(minibatch);
  if (const auto t = cl.integer("threads", 0, 1 << 12)) options.threads = static_cast<int>(*t);
  Simulator sim(file.network, options);
  const std::string params = cl.value("params").value_or("");
  if (!params.empty()) load_params(sim, params);

  const auto start = std::chrono::steady_clock::now();
  std::map<std::string, Array3> all;
  {
    ProgressBar progress(n, "sequences", !cl.flag("quiet") && stderr_is_terminal());
    for (Index first = 0; first < n; first += minibatch) {
      std::vector<Index> rows;
      for (Index i = first; i < std::min(n, first + minibatch); ++i) rows.push_back(i);
      sim.reset();
      for (auto& [node, values] : d.minibatch(rows, minibatch)) sim.set_input(node, std::move(values));
      sim.run_steps(steps);
      for (const std::string& probe : sim.probe_names()) {
        const Array3 got = sim.probe_data(probe);
        auto [it, added] = all.try_emplace(probe, n, got.dim(1), got.dim(2));
        for (std::size_t r = 0; r < rows.size(); ++r)
          for (Index k = 0; k < got.dim(1); ++k)
            for (Index j = 0; j < got.dim(2); ++j) it->second(rows[r], k, j) = got(static_cast<Index>(r), k, j);
      }
      progress.update(first + static_cast<Index>(rows.size()));
    }
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  NamedArrays probes;
  for (const std::string& name_of_probe : sim.probe_names()) probes.emplace_back(name_of_probe, NdArray::from(all.at(name_of_probe)));
  const std::string probes_path = out.file("probes.npz");
  write_npz(probes_path, probes);
  const std::string record_path = out.file("run.json");
  write_file_atomically(record_path, run_record(file, sim, held_outputs(sim, all), steps, params, wall));
  std::cout << "ran the " << name << " split (" << n << " sequences x " << steps << " steps, minibatch " << minibatch << ") in "
            << wall << " s; wrote " << probes_path << " (" << probes.size() << " probes) and " << record_path << "\n";
  return 0;
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
  const CommandLine cl("run", args,
                       {{"steps"}, {"minibatch"}, {"input", true, true}, {"split"}, {"params"}, {"out"}, {"threads"},
                        {"continue", false}, {"quiet", false}, {"help", false}});
  if (cl.flag("help")) {
    std::cout << kHelp;
    return 0;
  }
  const std::string path = network_file_argument("run", cl.positional());
  const auto steps_arg = cl.integer("steps", 1);
  const auto minibatch_arg = cl.integer("minibatch", 1);
  const auto threads_arg = cl.integer("threads", 0, 1 << 12);

  config::NetworkFile file = config::load_network_file(path);
  if (const auto split = cl.value("split")) return run_split(cl, file, path, *split);
  auto inputs = read_input_bindings(cl.values("input"), file.network);

  // Minibatch and steps: command line, then the file's run section, then the data.
  Index minibatch = minibatch_arg ? *minibatch_arg : file.run.minibatch.value_or(0);
  long steps = steps_arg ? *steps_arg : file.run.steps.value_or(0);
  for (const auto& [node, data] : inputs) {
    if (minibatch == 0) minibatch = data.dim(0);
    if (data.dim(0) != minibatch) {
      throw ValidationError("--input " + node + ": expected a batch of " + std::to_string(minibatch) +
                            " sequences (the minibatch), got " + data.shape_string());
    }
    if (steps == 0) steps = data.dim(1);
    if (data.dim(1) < steps) {
      throw ValidationError("--input " + node + ": expected data for " + std::to_string(steps) +
                            " steps, got " + data.shape_string());
    }
  }
  for (const Node& n : file.network.nodes()) {
    if (traits(n.kind()).reads_data && !inputs.count(n.name)) {
      throw ValidationError(path + ": input node '" + n.name + "' has no data; give it with --input " + n.name +
                            "=FILE.npy");
    }
  }
  if (steps == 0) throw UsageError("netsim run: how many steps? Give --steps N or set run: {steps: N} in " + path);
  if (minibatch == 0) minibatch = 1;

  const OutputFolder out(cl.value("out").value_or(default_out(path)));
  SimulatorOptions options = file.simulator_options(minibatch);
  if (threads_arg) options.threads = static_cast<int>(*threads_arg);
  Simulator sim(file.network, options);
  const std::string params = cl.value("params").value_or("");
  if (!params.empty()) load_params(sim, params);
  for (auto& [node, data] : inputs) sim.set_input(node, std::move(data));

  // The run goes in pieces; after each, the probes' samples are appended to files
  // (probe_streams.h), so memory does not grow with its length. A piece holds at most
  // about 16 MiB of samples, and 1% of the run when someone watches the progress bar.
  Index floats_per_step = 0;
  for (const std::string& name : sim.probe_names()) floats_per_step += minibatch * sim.probe_size(name);
  long piece = std::max<long>(1, std::min<long>(steps, (16L << 20) / static_cast<long>(sizeof(float) * std::max<Index>(1, floats_per_step))));
  const bool show_progress = !cl.flag("quiet") && stderr_is_terminal();
  if (show_progress) piece = std::min(piece, std::max<long>(1, steps / 100));
  // Test hooks: NETSIM_RUN_PIECE_STEPS=N runs pieces of N steps; NETSIM_KILL_AFTER_PIECES=N
  // kills the process (SIGKILL) after the N-th piece's samples are on disk.
  if (const char* forced = std::getenv("NETSIM_RUN_PIECE_STEPS")) piece = std::max(1L, std::atol(forced));
  const char* kill_after = std::getenv("NETSIM_KILL_AFTER_PIECES");
  long pieces = 0;
  const std::string probes_path = out.file("probes.npz");
  // --continue: a stopped run's streams are kept; its steps are run again without writing
  // (runs are deterministic: the same samples), then the run goes on appending.
  std::optional<StreamProgress> resumed;
  if (cl.flag("continue")) {
    resumed = read_stream_progress(out.file("probes.partial"));
    if (!resumed) throw ValidationError(out.path() + ": --continue: no stopped run to continue (no probes.partial/progress.txt)");
    if (resumed->steps > steps)
      throw ValidationError(out.path() + ": --continue: the stopped run had done " + std::to_string(resumed->steps) +
                            " steps, more than the " + std::to_string(steps) + " of this run");
  }
  ProbeStreams streams = resumed ? ProbeStreams(file.network, sim, out.file("probes.partial"), *resumed)
                                 : ProbeStreams(file.network, sim, out.file("probes.partial"));
  const auto start = std::chrono::steady_clock::now();
  {
    ProgressBar progress(steps, "steps", show_progress);
    long done = 0;
    for (const long again = resumed ? resumed->steps : 0; done < again;) {
      const long n = std::min(piece, again - done);
      sim.run_steps(n);
      streams.skip(sim);
      done += n;
      progress.update(done);
    }
    while (done < steps) {
      const long n = std::min(piece, steps - done);
      sim.run_steps(n);
      done += n;
      streams.take(sim, done);
      if (kill_after && ++pieces == std::atol(kill_after)) std::raise(SIGKILL);
      progress.update(done);
    }
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::vector<ProbeOutput> probes = streams.finish(sim, probes_path);
  const std::string record_path = out.file("run.json");
  write_file_atomically(record_path, run_record(file, sim, probes, steps, params, wall));
  std::cout << "ran " << steps << " steps x " << minibatch << " sequences in " << wall << " s; wrote "
            << probes_path << " (" << probes.size() << " probes) and " << record_path << "\n";
  return 0;
}

}  // namespace netsim::cli
