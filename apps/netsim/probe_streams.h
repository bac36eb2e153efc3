#pragma once
// netsim run's probe output, streamed to disk as the run goes (docs/yaml.md, "What netsim
// run writes"), so that memory does not grow with the run's length: after each piece of
// the run every probe with history hands over its samples (Simulator::take_probe_data) and
// they are appended to DIR/probes.partial/NAME.npy, whose header is rewritten after each
// piece. A run killed part-way leaves those files readable (numpy.load) up to the last
// piece; they are shaped (1, samples, size) for a minibatch of 1 and (samples, batch,
// size) otherwise. finish() writes DIR/probes.npz from them, (batch, samples, size) as
// always, without holding any array whole, then removes the folder.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "netsim/builder/simulator.h"
#include "netsim/core/network.h"
#include "netsim/core/npy.h"

namespace netsim::cli {

// A probe's sample times: start + step * i for count samples when evenly spaced (every
// step, or sample_every a multiple of dt), else every time listed.
struct SampleTimes {
  double start = 0.0, step = 0.0;
  long long count = 0;
  bool even = true;
  std::vector<double> listed;  // when not even
  void add(const std::vector<double>& times);
};

struct ProbeOutput {
  std::string name;
  std::vector<Index> shape;  // (batch, samples, size)
  SampleTimes times;
};

// How far a streamed run got: written to FOLDER/progress.txt after each piece's samples
// are on disk (steps done, minibatch, samples per probe).
struct StreamProgress {
  long steps = 0;
  Index minibatch = 0;
  std::vector<std::pair<std::string, long long>> samples;
};
// nullopt when the folder holds no progress (nothing to continue).
std::optional<StreamProgress> read_stream_progress(const std::string& folder);

class ProbeStreams {
 public:
  // `folder`: where the streamed files go (created, emptied).
  ProbeStreams(const Network& network, const Simulator& sim, std::string folder);
  // Continues the streams a stopped run left in `folder`: each file is cut back to the
  // samples `progress` counts. The caller re-runs progress.steps steps (skip() after
  // each piece: netsim's runs are deterministic, so they give the same samples again),
  // then goes on with take(). The folder is kept if this run fails too.
  ProbeStreams(const Network& network, const Simulator& sim, std::string folder, const StreamProgress& progress);
  // Without finish() (an error ended the run) the folder is removed: a failed run leaves no
  // temporary files. Only a killed process leaves it.
  ~ProbeStreams();
  ProbeStreams(const ProbeStreams&) = delete;
  ProbeStreams& operator=(const ProbeStreams&) = delete;
  // Takes every streamed probe's samples since the last call and appends them; call after
  // each piece, with the steps run so far.
  void take(Simulator& sim, long steps_done);
  // Takes the samples of a re-run piece without writing them (their times are kept).
  void skip(Simulator& sim);
  // Writes `npz_path` from the streamed files and the probes without history; removes the
  // folder. Returns each probe's shape and sample times, in the simulator's probe order.
  std::vector<ProbeOutput> finish(const Simulator& sim, const std::string& npz_path);

 private:
  struct Stream;
  void write_progress(long steps_done) const;

  std::string folder_;
  Index batch_ = 1;
  bool keep_on_failure_ = false;
  bool finished_ = false;
  std::vector<Stream> streams_;
};

}  // namespace netsim::cli
