#pragma once
// A dataset as the trainer sees it: N sequences of input data per input node, shaped
// (N, steps, size), and targets per probe (loss.h gives their shapes).

#include <map>
#include <string>
#include <vector>

#include "netsim/core/array3.h"
#include "netsim/core/nd_array.h"

namespace netsim {

struct Dataset {
  std::map<std::string, Array3> inputs;    // input node -> (N, steps, size)
  std::map<std::string, NdArray> targets;  // probe -> labels or values

  // N; throws ValidationError naming `where` if the inputs disagree or there are none.
  Index size(const std::string& where) const;
  // The steps every sequence runs for (the inputs' second dimension; all must agree).
  long steps(const std::string& where) const;

  // Sequences `rows` of every input, as one minibatch of `batch` rows (rows beyond
  // rows.size() are zero padding).
  std::map<std::string, Array3> minibatch(const std::vector<Index>& rows, Index batch) const;
};

// The dataset with each step of every input shown for `repeats` consecutive steps, as a
// spiking network is shown an image for a while (netsim eval --present). Targets are kept
// as they are: per-sequence ones still fit; per-sample ones no longer match the probes'
// samples, which the trainer's dataset check reports.
Dataset present_steps(const Dataset& data, long repeats);

}  // namespace netsim
