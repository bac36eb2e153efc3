#include "probe_streams.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "netsim/core/error.h"
#include "netsim/core/atomic_file.h"
#include "netsim/core/npz.h"

namespace netsim::cli {

namespace fs = std::filesystem;

void SampleTimes::add(const std::vector<double>& times) {
  for (double t : times) {
    if (count == 0) {
      start = t;
    } else if (count == 1 && even) {
      step = t - start;
    } else if (even && std::abs(t - (start + step * static_cast<double>(count))) > 1e-9 * std::max(1.0, std::abs(t))) {
      even = false;  // from here on every time is listed
      for (long long i = 0; i < count; ++i) listed.push_back(start + step * static_cast<double>(i));
    }
    if (!even) listed.push_back(t);
    ++count;
  }
}

struct ProbeStreams::Stream {
  std::string probe;
  bool streamed = true;  // a probe without history keeps its one sample in the simulator
  Index size = 0;
  long long samples = 0;
  SampleTimes times;
  std::unique_ptr<NpyAppender> file;
};

namespace {

// A probe's stream, its file not yet opened: only probes with history are streamed.
template <class Stream>
Stream stream_of(const Network& network, const Simulator& sim, const std::string& name) {
  Stream s;
  s.probe = name;
  s.size = sim.probe_size(name);
  const Probe* p = network.find_probe(name);
  s.streamed = p && p->keep_history;
  return s;
}

}  // namespace

ProbeStreams::ProbeStreams(const Network& network, const Simulator& sim, std::string folder) : folder_(std::move(folder)) {
  batch_ = sim.options().minibatch;
  fs::remove_all(folder_);
  fs::create_directories(folder_);
  for (const std::string& name : sim.probe_names()) {
    Stream s = stream_of<Stream>(network, sim, name);
    if (s.streamed) s.file = std::make_unique<NpyAppender>((fs::path(folder_) / (name + ".npy")).string());
    streams_.push_back(std::move(s));
  }
}

ProbeStreams::ProbeStreams(const Network& network, const Simulator& sim, std::string folder, const StreamProgress& progress)
    : folder_(std::move(folder)), keep_on_failure_(true) {
  batch_ = sim.options().minibatch;
  if (progress.minibatch != batch_) {
    throw ValidationError(folder_ + ": the stopped run had a minibatch of " + std::to_string(progress.minibatch) + ", this one " +
                          std::to_string(batch_) + ": continue it with the same settings");
  }
  for (const std::string& name : sim.probe_names()) {
    Stream s = stream_of<Stream>(network, sim, name);
    if (s.streamed) {
      long long samples = -1;
      for (const auto& [probe, count] : progress.samples)
        if (probe == name) samples = count;
      if (samples < 0) throw ValidationError(folder_ + ": the stopped run has no samples of probe '" + name + "': the network file changed");
      s.samples = samples;
      s.file = std::make_unique<NpyAppender>((fs::path(folder_) / (name + ".npy")).string(),
                                             static_cast<std::size_t>(samples * batch_ * s.size));
    }
    streams_.push_back(std::move(s));
  }
}

ProbeStreams::~ProbeStreams() {
  streams_.clear();  // files closed first
  if (keep_on_failure_ && !finished_) return;
  std::error_code ignored;
  fs::remove_all(folder_, ignored);
}

std::optional<StreamProgress> read_stream_progress(const std::string& folder) {
  std::ifstream in(fs::path(folder) / "progress.txt");
  if (!in) return std::nullopt;
  StreamProgress p;
  std::string key;
  while (in >> key) {
    if (key == "steps") in >> p.steps;
    else if (key == "minibatch") in >> p.minibatch;
    else if (key == "probe") {
      std::string name;
      long long count = 0;
      in >> name >> count;
      p.samples.emplace_back(name, count);
    } else {
      throw ValidationError(folder + "/progress.txt: unknown line '" + key + "' (not written by netsim run)");
    }
  }
  return p;
}

void ProbeStreams::write_progress(long steps_done) const {
  std::ostringstream text;
  text << "steps " << steps_done << "\nminibatch " << batch_ << "\n";
  for (const Stream& s : streams_)
    if (s.streamed) text << "probe " << s.probe << " " << s.samples << "\n";
  write_file_atomically((fs::path(folder_) / "progress.txt").string(), text.str());
}

void ProbeStreams::skip(Simulator& sim) {
  for (Stream& s : streams_) {
    if (!s.streamed) continue;
    s.times.add(sim.probe_times(s.probe));
    (void)sim.take_probe_data(s.probe);
  }
}

void ProbeStreams::take(Simulator& sim, long steps_done) {
  for (Stream& s : streams_) {
    if (!s.streamed) continue;
    s.times.add(sim.probe_times(s.probe));
    const Array3 data = sim.take_probe_data(s.probe);  // (batch, samples, size)
    const Index samples = data.dim(1);
    std::vector<float> rows(static_cast<std::size_t>(samples * batch_ * s.size));
    for (Index k = 0; k < samples; ++k)  // laid out samples first: appended along them
      for (Index b = 0; b < batch_; ++b)
        for (Index i = 0; i < s.size; ++i) rows[static_cast<std::size_t>((k * batch_ + b) * s.size + i)] = data(b, k, i);
    s.file->append(rows.data(), rows.size());
    s.samples += samples;
    if (batch_ == 1) s.file->write_header({1, static_cast<Index>(s.samples), s.size});
    else s.file->write_header({static_cast<Index>(s.samples), batch_, s.size});
  }
  write_progress(steps_done);  // after the headers: it never counts samples not on disk
}

std::vector<ProbeOutput> ProbeStreams::finish(const Simulator& sim, const std::string& npz_path) {
  std::vector<std::pair<std::string, std::string>> members;
  std::vector<ProbeOutput> outputs;
  for (Stream& s : streams_) {
    const std::string path = (fs::path(folder_) / (s.probe + ".npy")).string();
    ProbeOutput out{s.probe, {}, {}};
    if (!s.streamed) {
      const Array3 data = sim.probe_data(s.probe);
      out.times.add(sim.probe_times(s.probe));
      out.shape = {data.dim(0), data.dim(1), data.dim(2)};
      NpyAppender file(path);
      file.append(data.data(), static_cast<std::size_t>(data.size()));
      file.write_header(out.shape);
    } else {
      out.times = s.times;
      out.shape = {batch_, static_cast<Index>(s.samples), s.size};
      const std::string streamed = s.file->path();
      s.file.reset();  // closed
      if (batch_ > 1) {  // (samples, batch, size) -> (batch, samples, size), a sequence at a time
        const std::string laid_out = path + ".batch_first";
        {
          NpyAppender file(laid_out);
          std::FILE* in = std::fopen(streamed.c_str(), "rb");
          if (!in) throw Error(streamed + ": cannot read");
          const long long row = static_cast<long long>(batch_ * s.size);
          const long long chunk = std::max<long long>(1, (1 << 22) / std::max<long long>(1, row));  // samples per read
          std::vector<float> buffer(static_cast<std::size_t>(chunk * row));
          for (Index b = 0; b < batch_; ++b) {
            std::fseek(in, static_cast<long>(NpyAppender::kHeaderBytes), SEEK_SET);
            for (long long first = 0; first < s.samples; first += chunk) {
              const long long n = std::min(chunk, s.samples - first);
              if (std::fread(buffer.data(), sizeof(float), static_cast<std::size_t>(n * row), in) != static_cast<std::size_t>(n * row)) {
                std::fclose(in);
                throw Error(streamed + ": cannot read the streamed samples back");
              }
              for (long long k = 0; k < n; ++k) file.append(buffer.data() + k * row + b * s.size, static_cast<std::size_t>(s.size));
            }
          }
          std::fclose(in);
          file.write_header(out.shape);
        }
        fs::rename(laid_out, path);
      }
    }
    members.emplace_back(s.probe, path);
    outputs.push_back(std::move(out));
  }
  write_npz_from_files(npz_path, members);
  finished_ = true;
  fs::remove_all(folder_);
  return outputs;
}

}  // namespace netsim::cli
