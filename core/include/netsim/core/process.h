#pragma once
// Processes, as Nengo 4.1 defines them (docs/nef.md, "Processes"): signals of time drawn
// from a seed, the outputs of process nodes (node_kinds/process.h) and an ensemble's noise.
//   WhiteSignal{period, high, rms, y0}   band-limited white noise: random Fourier
//                                        coefficients up to `high` Hz with total RMS `rms`,
//                                        periodic with `period` seconds; y0: each dimension
//                                        starts where it is nearest y0
//   WhiteNoise{dist, scale}              a fresh draw of `dist` every step, times
//                                        1/sqrt(dt) when `scale` (so it integrates to a
//                                        Wiener process)
//   Piecewise{times, values}             values[i] from times[i] on (zero before the first)
//   PresentInput{inputs, time}           inputs[i] for `time` seconds each, cycling
// A process's value at step k depends only on (process, size, dt, seed, k): runs repeat
// exactly, and a reset starts it again.

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "netsim/core/distribution.h"
#include "netsim/core/types.h"

namespace netsim {

struct WhiteSignal {
  double period = 0.0;  // seconds
  double high = 0.0;    // Hz, at most the Nyquist frequency 1 / (2 dt)
  double rms = 0.5;
  std::optional<double> y0;
};
struct WhiteNoise {
  Distribution dist = Gaussian{0.0, 1.0};
  bool scale = true;
};
struct Piecewise {
  std::vector<double> times;  // ascending
  MatrixD values;             // one row per time
};
struct PresentInput {
  MatrixD inputs;  // one row per input
  double presentation_time = 0.0;
};

using Process = std::variant<WhiteSignal, WhiteNoise, Piecewise, PresentInput>;

std::string to_string(const Process& process);
// Throws ValidationError("<where>: ...") when the process cannot give `size` values at dt.
void check(const Process& process, Index size, double dt, const std::string& where);
// The process's value at step k (k = 1, 2, ...; t = k dt).
std::function<VectorD(long step)> process_signal(const Process& process, Index size, double dt, std::uint64_t seed);

}  // namespace netsim
