#include "training_folder.h"

#include <filesystem>
#include <sstream>

#include "netsim/builder/parameter_file.h"
#include "netsim/core/atomic_file.h"
#include "netsim/core/error.h"

namespace netsim {
namespace {

std::string format_number(std::optional<double> v) {
  if (!v) return "";
  std::ostringstream out;
  out.precision(7);
  out << *v;
  return out.str();
}

}  // namespace

std::string history_csv(const std::vector<EpochRecord>& history) {
  std::string csv = "epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds\n";
  for (const EpochRecord& r : history) {
    csv += std::to_string(r.epoch) + "," + format_number(r.train.loss) + "," + format_number(r.train.accuracy) + "," +
           format_number(r.validation ? std::optional(r.validation->loss) : std::nullopt) + "," +
           format_number(r.validation ? r.validation->accuracy : std::nullopt) + "," + format_number(r.learning_rate) +
           "," + format_number(r.seconds) + "\n";
  }
  return csv;
}

std::string TrainingFolder::file(const std::string& name) const { return (std::filesystem::path(path_) / name).string(); }

void TrainingFolder::prepare() const {
  if (!writes_) return;
  std::filesystem::create_directories(path_);
  remove_stale_temporaries(path_);
}

NamedArrays TrainingFolder::read_checkpoint() const {
  const std::string path = file("checkpoint.npz");
  if (!std::filesystem::exists(path)) throw ValidationError(path + ": no checkpoint to resume from (train without resume first)");
  return read_npz(path);
}

void TrainingFolder::write_epoch(const Simulator& sim, const TrainerState& state, bool best,
                                 const std::vector<Parameter*>& params, const UpdateRule& rule) const {
  if (!writes_) return;
  if (best) save_params(sim, file("best.npz"));
  write_file_atomically(file("history.csv"), history_csv(state.history));
  write_checkpoint(file("checkpoint.npz"), state, params, rule);
}

void TrainingFolder::write_final(const Simulator& sim) const {
  if (writes_) save_params(sim, file("params.npz"));
}

}  // namespace netsim
