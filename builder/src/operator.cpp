#include "netsim/builder/operator.h"

namespace netsim {

AccessLists make_access(std::vector<SignalId> reads, SignalId target, WriteMode mode) {
  AccessLists a;
  a.reads = std::move(reads);
  switch (mode) {
    case WriteMode::set: a.sets = {target}; break;
    case WriteMode::inc: a.incs = {target}; break;
    case WriteMode::update: a.updates = {target}; break;
  }
  return a;
}

void Operator::vjp(const BackwardStep& b, Rows rows) {
  for (SignalId s : access_.sets) b.grads.block(s, rows).setZero();
  for (SignalId s : access_.updates) b.grads.block(s, rows).setZero();
}

}  // namespace netsim
