#pragma once
// A handle on a node's output (as the pre of a connection or the target of a probe) or
// input (as the post of a connection), optionally restricted to some dimensions:
//   net.connect(c[0], u);           net.connect(x, h.slice(Slice::range(0, 2)));

#include <string>

#include "netsim/core/slice.h"

namespace netsim {

struct NodeRef {
  std::string name;
  Slice slice;

  NodeRef operator[](long index) const { return {name, Slice::index(index)}; }
  NodeRef operator[](const Slice& s) const { return {name, s}; }

  // Parses "c", "c[0]", "lmu.m[1:3]". Throws ValidationError on bad syntax.
  static NodeRef parse(const std::string& text);
  // "c[0]"
  std::string to_string() const { return name + slice.to_string(); }
};

}  // namespace netsim
