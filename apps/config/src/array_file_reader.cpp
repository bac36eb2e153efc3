#include <filesystem>

#include "netsim/config/network_file.h"
#include "netsim/core/error.h"
#include "netsim/core/npy.h"
#include "netsim/core/npz.h"
#include "readers.h"

namespace netsim::config {

std::string resolve_path(const std::string& folder, const std::string& path) {
  const std::filesystem::path p(path);
  if (p.is_absolute() || folder.empty()) return path;
  return (std::filesystem::path(folder) / p).string();
}

std::optional<NdArray> read_array_file(const YamlValue& value, const ReadContext& context) {
  value.check_keys({"file", "key"});
  const YamlValue file_value = value["file"];
  if (file_value.is_null()) {
    value.expected("{file: NAME.npy} or {file: NAME.npz, key: KEY}");
    return std::nullopt;
  }
  const auto file = file_value.text();
  if (!file) return std::nullopt;
  const std::string path = resolve_path(context.folder, *file);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    file_value.error("cannot read \"" + *file + "\": no such file (looked for " + path + ")");
    return std::nullopt;
  }
  if (std::filesystem::is_directory(path, ec)) {
    file_value.error("cannot read \"" + *file + "\": expected a file, got a directory");
    return std::nullopt;
  }
  const bool is_npz = path.size() > 4 && path.compare(path.size() - 4, 4, ".npz") == 0;
  try {
    if (is_npz) {
      const YamlValue key_value = value["key"];
      if (key_value.is_null()) {
        value.error("expected a key naming the array inside \"" + *file + "\", e.g. {file: " + *file + ", key: W}");
        return std::nullopt;
      }
      const auto key = key_value.text();
      if (!key) return std::nullopt;
      return read_npz_array(path, *key);
    }
    if (value.has("key")) {
      value["key"].error("a key selects an array inside an .npz file; \"" + *file + "\" is not one");
      return std::nullopt;
    }
    return read_npy(path);
  } catch (const ValidationError& e) {
    // Name the file as the YAML spells it; the resolved path adds nothing there.
    std::string message = e.what();
    if (message.rfind(path, 0) == 0) message = *file + message.substr(path.size());
    file_value.error(message);
    return std::nullopt;
  }
}

}  // namespace netsim::config
