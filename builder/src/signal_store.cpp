#include "netsim/builder/signal_store.h"

#include "fresh_memory.h"

namespace netsim {

SignalId SignalStore::add(std::string name, Index size) {
  info_.push_back({std::move(name), size});
  return static_cast<SignalId>(info_.size() - 1);
}

Index SignalStore::values_per_row() const {
  Index n = 0;
  for (const SignalInfo& info : info_) n += info.size;
  return n;
}

void SignalStore::allocate(Index batch) {
  batch_ = batch;
  values_.resize(info_.size());
  // Zero in release builds; NaN where fresh memory is poisoned, and the Simulator zeroes
  // the signals whose zero before step 1 is meant (those no operator overwrites whole).
  for (std::size_t i = 0; i < info_.size(); ++i) {
    values_[i] = Matrix::Zero(batch, info_[i].size);
    detail::poison_fresh(values_[i]);
  }
}

void SignalStore::set_zero(const std::vector<SignalId>& ids) {
  for (SignalId id : ids) values_[static_cast<std::size_t>(id)].setZero();
}

}  // namespace netsim
