#include "netsim/core/node_ref.h"

#include "netsim/core/error.h"

namespace netsim {

NodeRef NodeRef::parse(const std::string& text) {
  auto open = text.find('[');
  if (open == std::string::npos) return {text, Slice()};
  if (text.back() != ']') {
    throw ValidationError("\"" + text + "\": expected NAME or NAME[slice]");
  }
  return {text.substr(0, open), Slice::parse(text.substr(open + 1, text.size() - open - 2))};
}

}  // namespace netsim
