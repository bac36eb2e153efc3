#pragma once
// netsim run's probe output, streamed to disk as the run goes (docs/yaml.md, "What netsim
// run writes"), so that memory does not grow with the run's length: after each piece of
// the run every probe with history hands over its samples (Simulator::take_probe_data) and
// they are appended to DIR/probes.partial/NAME.npy, whose header is rewritten after each
// piece. A run killed part-way leaves those files readable (numpy.load) up to the last
// piece; they are shaped (1, samples, size) for a minibatch of 1 and (samples, batch,
// size) otherwise. finish() writes DIR/probes.npz from them, (batch, samples, size) as
// always, without holding any array whole, then removes the folder.

#include <string>
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

class ProbeStreams {
 public:
  // `folder`: where the streamed files go (created).
  ProbeStreams(const Network& network, const Simulator& sim, std::string folder);
  // Without finish() (an error ended the run) the folder is removed: a failed run leaves no
  // temporary files. Only a killed process leaves it.
  ~ProbeStreams();
  ProbeStreams(const ProbeStreams&) = delete;
  ProbeStreams& operator=(const ProbeStreams&) = delete;
  // Takes every streamed probe's samples since the last call; call after each piece.
  void take(Simulator& sim);
  // Writes `npz_path` from the streamed files and the probes without history; removes the
  // folder. Returns each probe's shape and sample times, in the simulator's probe order.
  std::vector<ProbeOutput> finish(const Simulator& sim, const std::string& npz_path);

 private:
  struct Stream;
  std::string folder_;
  Index batch_ = 1;
  std::vector<Stream> streams_;
};

}  // namespace netsim::cli
