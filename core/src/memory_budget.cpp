#include "netsim/core/memory_budget.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

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
  if (*end != '\0' && end[1] != '\0' && std::toupper(static_cast<unsigned char>(end[1])) != 'B') return std::nullopt;
  return static_cast<std::size_t>(value * scale);
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

// cgroup v2: memory.max ("max" or bytes) minus memory.current, of this process's group.
std::optional<std::size_t> cgroup_headroom() {
  std::ifstream groups("/proc/self/cgroup");
  std::string line, group;
  while (std::getline(groups, line)) {
    if (line.rfind("0::", 0) == 0) group = line.substr(3);
  }
  if (group.empty()) return std::nullopt;
  const std::string dir = "/sys/fs/cgroup" + (group == "/" ? std::string() : group);
  std::ifstream max_file(dir + "/memory.max"), current_file(dir + "/memory.current");
  std::string max_text;
  std::size_t current = 0;
  if (!(max_file >> max_text) || max_text == "max" || !(current_file >> current)) return std::nullopt;
  const auto max = parse_size(max_text);
  if (!max) return std::nullopt;
  return *max > current ? *max - current : 0;
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
