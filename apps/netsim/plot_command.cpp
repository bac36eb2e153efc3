// netsim plot DIR: pictures of a run's probes (scripts/plot_probes.py draws them).
#include <filesystem>
#include <iostream>

#include "command_line.h"
#include "commands.h"
#include "netsim/core/error.h"
#include "plotting.h"

namespace netsim::cli {
namespace {

constexpr const char* kHelp = R"(usage: netsim plot DIR [options]

Draws the probes of a run (DIR: the output folder of netsim run, holding run.json and
probes.npz, or probes.partial/ of a run that was stopped) as PNG files, one per probe:
  values    decoded values and other signals over time, a line per dimension
  spikes    a spiking neuron probe as a raster (a dot per spike)
  voltage   neuron voltages over time
Sequence 0 of a minibatch is drawn, at most 8 lines (3 voltages) and 200 neurons per picture.

options:
  --probe NAME     draw this probe only (repeatable; default: every probe)
  --out DIR2       where the pictures go (default: DIR/plots)
  --from T         start of the time window, seconds (default: the first sample)
  --to T           end of the time window, seconds (default: the last sample)
  --one FILE.png   one picture of the chosen probes instead, a panel each, in the order given
  --help           this text
)";

}  // namespace

int plot_command(const std::vector<std::string>& args) {
  const CommandLine cl("plot", args, {{"probe", true, true}, {"out"}, {"from"}, {"to"}, {"one"}, {"help", false}});
  if (cl.flag("help")) {
    std::cout << kHelp;
    return 0;
  }
  if (cl.positional().size() != 1) throw UsageError("netsim plot: expected one run folder (the --out of netsim run)");
  const std::string folder = cl.positional().front();
  namespace fs = std::filesystem;
  if (!fs::is_directory(folder)) throw ValidationError(folder + ": expected the output folder of netsim run, got no folder");
  if (!fs::exists(fs::path(folder) / "run.json") && !fs::exists(fs::path(folder) / "probes.partial"))
    throw ValidationError(folder + ": no run.json (nor probes.partial/ of a stopped run): expected the output folder of netsim run");
  const std::string script = drawing_script("plot_probes.py", "NETSIM_PLOT_PROBES_SCRIPT");
  check_drawing_possible(script, "netsim plot");
  const std::string out = cl.value("out").value_or((fs::path(folder) / "plots").string());
  std::string arguments = quoted(folder) + " --out " + quoted(out);
  for (const std::string& p : cl.values("probe")) arguments += " --probe " + quoted(p);
  if (const auto t = cl.value("from")) arguments += " --from " + quoted(*t);
  if (const auto t = cl.value("to")) arguments += " --to " + quoted(*t);
  if (const auto one = cl.value("one")) arguments += " --one " + quoted(*one);
  if (!run_drawing_script(script, arguments)) throw Error("netsim plot: " + script + " failed (its message is above)");
  return 0;
}

}  // namespace netsim::cli
