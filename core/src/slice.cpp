#include "netsim/core/slice.h"

#include <charconv>

#include "netsim/core/error.h"

namespace netsim {
namespace {

std::optional<long> parse_bound(const std::string& part, const std::string& text) {
  if (part.empty()) return std::nullopt;
  long value = 0;
  const char* end = part.data() + part.size();
  auto [ptr, ec] = std::from_chars(part.data(), end, value);
  if (ec != std::errc() || ptr != end) {
    throw ValidationError("slice [" + text + "]: expected an integer, got \"" + part + "\"");
  }
  return value;
}

}  // namespace

Slice Slice::index(long i) {
  Slice s;
  s.all_ = false;
  s.single_ = true;
  s.start_ = i;
  return s;
}

Slice Slice::range(std::optional<long> start, std::optional<long> stop, long step) {
  if (step == 0) throw ValidationError("slice: step must not be zero");
  Slice s;
  s.all_ = !start && !stop && step == 1;
  s.start_ = start;
  s.stop_ = stop;
  s.step_ = step;
  return s;
}

Slice Slice::parse(const std::string& text) {
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == ' ') continue;
    if (c == ':') {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  if (parts.size() > 3) {
    throw ValidationError("slice [" + text + "]: expected start:stop:step, got " +
                          std::to_string(parts.size()) + " parts");
  }
  if (parts.size() == 1) {
    if (parts[0].empty()) throw ValidationError("slice []: expected an index or a range");
    return index(*parse_bound(parts[0], text));
  }
  std::optional<long> step = parts.size() == 3 ? parse_bound(parts[2], text) : std::nullopt;
  if (step && *step == 0) throw ValidationError("slice [" + text + "]: step must not be zero");
  return range(parse_bound(parts[0], text), parse_bound(parts[1], text), step.value_or(1));
}

std::vector<int> Slice::resolve(int size, const std::string& where) const {
  std::vector<int> out;
  if (all_) {
    out.resize(static_cast<std::size_t>(size));
    for (int i = 0; i < size; ++i) out[static_cast<std::size_t>(i)] = i;
    return out;
  }
  if (single_) {
    long i = *start_ < 0 ? *start_ + size : *start_;
    if (i < 0 || i >= size) {
      throw ValidationError(where + ": index " + std::to_string(*start_) +
                            " is out of range for size " + std::to_string(size));
    }
    return {static_cast<int>(i)};
  }
  // Python's slice.indices() semantics: clamp bounds, negative values count from the end.
  auto clamp = [size](long v, long lo, long hi) {
    if (v < 0) v += size;
    return v < lo ? lo : (v > hi ? hi : v);
  };
  long start, stop;
  if (step_ > 0) {
    start = start_ ? clamp(*start_, 0, size) : 0;
    stop = stop_ ? clamp(*stop_, 0, size) : size;
    for (long i = start; i < stop; i += step_) out.push_back(static_cast<int>(i));
  } else {
    start = start_ ? clamp(*start_, -1, size - 1) : size - 1;
    stop = stop_ ? clamp(*stop_, -1, size - 1) : -1;
    for (long i = start; i > stop; i += step_) out.push_back(static_cast<int>(i));
  }
  if (out.empty()) {
    throw ValidationError(where + ": slice " + to_string() + " selects nothing from size " +
                          std::to_string(size));
  }
  return out;
}

std::string Slice::to_string() const {
  if (all_) return "";
  if (single_) return "[" + std::to_string(*start_) + "]";
  std::string s = "[";
  if (start_) s += std::to_string(*start_);
  s += ":";
  if (stop_) s += std::to_string(*stop_);
  if (step_ != 1) s += ":" + std::to_string(step_);
  return s + "]";
}

bool is_contiguous(const std::vector<int>& indices) {
  for (std::size_t i = 1; i < indices.size(); ++i)
    if (indices[i] != indices[i - 1] + 1) return false;
  return true;
}

bool is_whole(const std::vector<int>& indices, long size) {
  return static_cast<long>(indices.size()) == size && (indices.empty() || (indices.front() == 0 && is_contiguous(indices)));
}

}  // namespace netsim
