#pragma once
// Keras-style progress for netsim train / eval:
//   Epoch 3/10
//    45/100 [=============>................] - ETA: 12s - loss: 0.4321 - accuracy: 0.8765
// redrawn in place on stderr while a terminal watches, then one summary line per epoch:
//   Epoch 3/10 - 100/100 - 25.1s - loss: 0.4321 - accuracy: 0.8765 - val_loss: ... - lr: 0.001
// written to `summary` (stdout, or stderr when stdout carries --json) unless quiet.

#include <chrono>
#include <cstdio>
#include <string>

#include "netsim/optimizer/trainer.h"

namespace netsim::cli {

class TrainingProgress {
 public:
  TrainingProgress(std::FILE* summary, bool quiet);
  void batch(const BatchProgress& p);
  void epoch(const EpochRecord& r, Index batches);
  // For evaluation: sequences done of total.
  void evaluation(Index done, Index total);
  void end_line();

 private:
  bool due(bool last);

  std::FILE* summary_;
  bool quiet_;
  bool live_;  // redraw a bar on stderr
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
  std::chrono::steady_clock::time_point eval_start_{};
};

// "loss: 0.4321 - accuracy: 0.8765" (accuracy only for classification).
std::string format_metrics(const Metrics& m, const std::string& prefix = "");

}  // namespace netsim::cli
