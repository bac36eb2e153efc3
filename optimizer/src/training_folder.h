#pragma once
// The files a fit keeps in its output folder (trainer.h lists them): made ready before the
// first epoch, written after every epoch (best.npz when the epoch is the best, history.csv,
// checkpoint.npz) and at the end (params.npz), each atomically, so a killed training
// leaves the last epoch's files whole. Private to the optimizer.

#include <string>
#include <vector>

#include "netsim/builder/simulator.h"
#include "netsim/core/npz.h"
#include "netsim/optimizer/checkpoint.h"

namespace netsim {

// history.csv: one row per epoch (epoch, loss, accuracy, val_loss, val_accuracy,
// learning_rate, seconds); a metric not measured is an empty field.
std::string history_csv(const std::vector<EpochRecord>& history);

class TrainingFolder {
 public:
  // `path` empty or `writes` false (a rank other than 0): nothing is written or read.
  TrainingFolder(std::string path, bool writes) : path_(std::move(path)), writes_(writes && !path_.empty()) {}

  bool writes() const { return writes_; }
  std::string file(const std::string& name) const;
  // Creates the folder and removes temporaries left by a fit that was killed while writing.
  void prepare() const;
  // The checkpoint to resume from; throws ValidationError when there is none.
  NamedArrays read_checkpoint() const;
  // After an epoch: best.npz (when `best`), history.csv and checkpoint.npz.
  void write_epoch(const Simulator& sim, const TrainerState& state, bool best, const std::vector<Parameter*>& params,
                   const UpdateRule& rule) const;
  // After the last epoch: params.npz.
  void write_final(const Simulator& sim) const;

 private:
  std::string path_;
  bool writes_;
};

}  // namespace netsim
