#pragma once
// Training checkpoints: everything a resumed fit needs to continue exactly as an
// uninterrupted one would, in one .npz archive written atomically:
//   "params/<connection>"    the weights, shaped like Parameter::value
//   "update/..."             the update rule's state (UpdateRule::state)
//   "trainer/epoch", "trainer/best", "trainer/best_epoch", "trainer/wait"
//   "trainer/history"        one row per epoch: epoch, loss, accuracy, val_loss,
//                            val_accuracy, learning_rate, seconds (NaN where absent)

#include <string>
#include <vector>

#include "netsim/builder/parameter.h"
#include "netsim/core/npz.h"
#include "netsim/optimizer/trainer.h"
#include "netsim/optimizer/update_rule.h"

namespace netsim {

struct TrainerState {
  int epoch = 0;       // epochs done
  float best = 0.0f;   // best monitored value so far (float, as stored)
  int best_epoch = 0;  // 0: none yet
  int wait = 0;        // epochs since the best one
  std::vector<EpochRecord> history;
};

void write_checkpoint(const std::string& path, const TrainerState& state, const std::vector<Parameter*>& parameters,
                      const UpdateRule& rule);

// Restores weights and update-rule state; checks every key and shape first and throws
// ValidationError naming the file and key, changing nothing, if they do not fit.
TrainerState read_checkpoint(const std::string& path, const std::vector<Parameter*>& parameters, UpdateRule& rule);
// The same from the checkpoint's arrays (as read_npz gives them; a data-parallel
// training sends rank 0's to the others); `path` names them in errors.
TrainerState restore_checkpoint(const NamedArrays& arrays, const std::string& path,
                                const std::vector<Parameter*>& parameters, UpdateRule& rule);

}  // namespace netsim
