#include "netsim/core/did_you_mean.h"

#include <algorithm>
#include <cctype>

namespace netsim {
namespace {

// Levenshtein distance, case-insensitive.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      const std::size_t next = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = row[j];
      row[j] = next;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string did_you_mean(const std::string& word, const std::vector<std::string>& known) {
  const std::string* best = nullptr;
  std::size_t best_distance = 0;
  for (const auto& k : known) {
    const std::size_t d = edit_distance(word, k);
    if (!best || d < best_distance) {
      best = &k;
      best_distance = d;
    }
  }
  // Close enough: at most a third of the word wrong (at least one edit allowed), and not
  // every letter of it (a one-letter name is too short to guess from).
  if (!best || best_distance > std::max<std::size_t>(1, word.size() / 3) ||
      best_distance >= word.size())
    return "";
  return " (did you mean '" + *best + "'?)";
}

}  // namespace netsim
