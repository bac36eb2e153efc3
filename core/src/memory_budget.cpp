#include "netsim/core/memory_budget.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "netsim/core/error.h"

namespace netsim {
namespace {

// "123", "64K", "1.5G" -> bytes; nullopt if malformed.
std::optional<std::size_t> parse_size(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || !(value >= 0)) return std::nullopt;
  double scale = 1;
  switch (std::toupper(static_cast<unsigned char>(*end))) {
    case '\0': break;
    case 'K': scale = 1024.0; break;
    case 'M': scale = 1024.0 * 1024; break;
    case 'G': scale = 1024.0 * 1024 * 1024; break;
    case 'T': scale = 1024.0 * 1024 * 1024 * 1024; break;
    default: return std::nullopt;
  }
  if (*end != '\0' && end[1] != '\0' && (std::toupper(static_cast<unsigned char>(end[1])) != 'B' || end[2] != '\0')) {
    return std::nullopt;
  }
  const double bytes = value * scale;
  if (!(bytes < 1.8e19)) return std::nullopt;  // beyond size_t
  return static_cast<std::size_t>(bytes);
}

std::optional<std::size_t> meminfo_available() {
  std::ifstream in("/proc/meminfo");
  for (std::string key; in >> key;) {
    std::size_t kib = 0;
    in >> kib;
    if (key == "MemAvailable:") return kib * 1024;
    in.ignore(1 << 10, '\n');
  }
  return std::nullopt;
}

// The limit of this process's memory cgroup minus what the group uses, not counting its
// inactive file cache (counted as used, but reclaimed before the limit bites). cgroup v2
// (memory.max, memory.current, inactive_file) or v1 (memory.limit_in_bytes,
// memory.usage_in_bytes, total_inactive_file); nullopt without a limit.
std::optional<std::size_t> cgroup_headroom() {
  std::ifstream groups("/proc/self/cgroup");
  std::string line, v2_group, v1_group;
  while (std::getline(groups, line)) {
    if (line.rfind("0::", 0) == 0) v2_group = line.substr(3);
    if (const auto at = line.find(":memory:"); at != std::string::npos) v1_group = line.substr(at + 8);
  }
  const bool v1 = !v1_group.empty();
  if (!v1 && v2_group.empty()) return std::nullopt;
  const std::string group = v1 ? v1_group : v2_group;
  const std::string dir = std::string(v1 ? "/sys/fs/cgroup/memory" : "/sys/fs/cgroup") + (group == "/" ? "" : group);
  std::ifstream max_file(dir + (v1 ? "/memory.limit_in_bytes" : "/memory.max"));
  std::ifstream current_file(dir + (v1 ? "/memory.usage_in_bytes" : "/memory.current"));
  std::string max_text;
  std::size_t current = 0;
  if (!(max_file >> max_text) || max_text == "max" || !(current_file >> current)) return std::nullopt;
  const auto max = parse_size(max_text);
  if (!max) return std::nullopt;
  std::ifstream stat_file(dir + "/memory.stat");
  std::size_t reclaimable = 0;
  for (std::string key; stat_file >> key;) {
    std::size_t value = 0;
    stat_file >> value;
    if (key == (v1 ? "total_inactive_file" : "inactive_file")) reclaimable = value;
  }
  const std::size_t used = current > reclaimable ? current - reclaimable : 0;
  return *max > used ? *max - used : 0;
}

}  // namespace

std::optional<std::size_t> available_memory_bytes() {
  if (const char* limit = std::getenv("NETSIM_MEMORY_LIMIT"); limit && *limit) {
    if (auto bytes = parse_size(limit)) return bytes;
    throw Error(std::string("NETSIM_MEMORY_LIMIT: expected bytes, optionally with K, M, G or T, got \"") + limit + "\"");
  }
  std::optional<std::size_t> bytes = meminfo_available();
  if (const auto headroom = cgroup_headroom(); headroom && (!bytes || *headroom < *bytes)) bytes = headroom;
  return bytes;
}

std::string format_bytes(std::size_t bytes) {
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return std::to_string(bytes) + " bytes";
  double value = static_cast<double>(bytes) / 1024;
  int unit = 0;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
  return text;
}

void check_memory(std::size_t bytes, const std::string& what, const std::string& detail, const std::string& advice) {
  const auto available = available_memory_bytes();
  if (!available || bytes <= *available) return;
  throw OutOfMemoryError(what + " would take " + format_bytes(bytes) + " (" + detail + "); this machine has " +
                         format_bytes(*available) + " free: " + advice);
}

}  // namespace netsim
