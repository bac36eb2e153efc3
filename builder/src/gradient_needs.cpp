#include "netsim/builder/gradient_needs.h"

namespace netsim {

std::vector<bool> signals_needing_gradients(const Model& model) {
  std::vector<bool> needed(static_cast<std::size_t>(model.signals.count()), false);
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& op : model.operators) {
      const AccessLists& a = op->access();
      bool carries = op->has_trainable_weights();
      for (SignalId s : a.reads) carries = carries || needed[static_cast<std::size_t>(s)];
      if (!carries) continue;
      for (const auto* list : {&a.sets, &a.incs, &a.updates}) {
        for (SignalId s : *list) {
          if (needed[static_cast<std::size_t>(s)]) continue;
          needed[static_cast<std::size_t>(s)] = true;
          changed = true;
        }
      }
    }
  }
  return needed;
}

}  // namespace netsim
