#pragma once
// Python-style selection of a node's dimensions: everything, one index, or
// start:stop:step with negative indices counting from the end (as in Nengo's
// `node[0]`, `node[1:3]`, `node[::-1]`).

#include <optional>
#include <string>
#include <vector>

namespace netsim {

class Slice {
 public:
  // Every dimension (the default).
  Slice() = default;
  // One dimension: `x[i]`.
  static Slice index(long i);
  // `x[start:stop:step]`; an empty optional stands for an omitted bound.
  static Slice range(std::optional<long> start, std::optional<long> stop, long step = 1);
  // Parses the text between brackets: "0", "-1", "1:3", "::2", ":".
  // Throws ValidationError naming the text on bad syntax.
  static Slice parse(const std::string& text);

  bool selects_all() const { return all_; }

  // The selected indices for a node of `size` dimensions. Throws ValidationError with
  // a message starting with `where` if the selection is out of range or empty.
  std::vector<int> resolve(int size, const std::string& where) const;

  // "[1:3]", "[0]" or "" for everything.
  std::string to_string() const;

 private:
  bool all_ = true;
  bool single_ = false;
  std::optional<long> start_;
  std::optional<long> stop_;
  long step_ = 1;
};

// True if `indices` are consecutive ascending (i, i+1, ...): a plain column block.
bool is_contiguous(const std::vector<int>& indices);
// True if `indices` are 0, 1, ..., size-1: the whole of a signal of `size` values, in order.
bool is_whole(const std::vector<int>& indices, long size);

}  // namespace netsim
