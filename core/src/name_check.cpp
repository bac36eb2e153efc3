#include "netsim/core/name_check.h"

#include <cctype>

#include "netsim/core/error.h"

namespace netsim {

void check_name(const std::string& name, const std::string& what) {
  bool ok = !name.empty();
  bool at_start = true;  // at the start of a dotted component
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (c == '.') {
      ok = ok && !at_start;
      at_start = true;
    } else if (std::isalpha(u) || c == '_' || (!at_start && std::isdigit(u))) {
      at_start = false;
    } else {
      ok = false;
    }
  }
  if (!ok || at_start) {
    throw ValidationError(what + ": expected a name of letters, digits and '_' (dots between "
                                 "parts), not starting with a digit, got \"" +
                          name + "\"");
  }
}

}  // namespace netsim
