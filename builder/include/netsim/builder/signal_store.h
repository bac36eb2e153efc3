#pragma once
// Signals are the buffers the operators work on: one [batch x size] float32 matrix each,
// row b holding sequence b of the minibatch. Operators address them by SignalId and only
// ever touch the rows they are given, so row ranges can run on different threads.

#include <string>
#include <vector>

#include "netsim/core/types.h"

namespace netsim {

using SignalId = int;

// A contiguous range of minibatch rows: [begin, begin + count).
struct Rows {
  Index begin = 0;
  Index count = 0;
};

struct SignalInfo {
  std::string name;  // "h.in", "u->h.weighted", ...
  Index size = 0;
};

class SignalStore {
 public:
  SignalId add(std::string name, Index size);
  // Allocates every signal as [batch x size] zeros.
  void allocate(Index batch);
  // Sets these signals to zero.
  void set_zero(const std::vector<SignalId>& ids);

  Index count() const { return static_cast<Index>(info_.size()); }
  const SignalInfo& info(SignalId id) const { return info_[static_cast<std::size_t>(id)]; }
  Index batch() const { return batch_; }
  // Floats per minibatch row over every signal: allocate(batch) takes batch times this.
  Index values_per_row() const;

  // The given rows of a signal: [rows.count x size].
  auto block(SignalId id, Rows rows) {
    return values_[static_cast<std::size_t>(id)].middleRows(rows.begin, rows.count);
  }
  auto block(SignalId id, Rows rows) const {
    return values_[static_cast<std::size_t>(id)].middleRows(rows.begin, rows.count);
  }
  const Matrix& value(SignalId id) const { return values_[static_cast<std::size_t>(id)]; }

 private:
  std::vector<SignalInfo> info_;
  std::vector<Matrix> values_;
  Index batch_ = 0;
};

}  // namespace netsim
