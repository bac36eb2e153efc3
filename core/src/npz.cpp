#include "netsim/core/npz.h"

#include <zip.h>

#include <memory>

#include "netsim/core/atomic_file.h"
#include "netsim/core/error.h"
#include "netsim/core/npy.h"

namespace netsim {
namespace {

struct ArchiveCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using Archive = std::unique_ptr<zip_t, ArchiveCloser>;

Archive open_for_reading(const std::string& path) {
  int code = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (!z) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw ValidationError(path + ": expected an .npz (zip) file: " + reason);
  }
  return Archive(z);
}

std::string key_of(const std::string& member) {
  const std::string suffix = ".npy";
  if (member.size() > suffix.size() && member.compare(member.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return member.substr(0, member.size() - suffix.size());
  }
  return member;
}

NdArray read_member(zip_t* z, zip_uint64_t index, const std::string& path, const std::string& key) {
  const std::string where = path + ":" + key;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(z, index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
    throw ValidationError(where + ": cannot read the member: " + zip_strerror(z));
  }
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen_index(z, index, 0), zip_fclose);
  if (!file) throw ValidationError(where + ": cannot read the member: " + zip_strerror(z));
  std::string bytes(static_cast<std::size_t>(st.size), '\0');
  const zip_int64_t got = zip_fread(file.get(), bytes.data(), st.size);
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) {
    throw ValidationError(where + ": truncated member: expected " + std::to_string(st.size) + " bytes");
  }
  return parse_npy(bytes, where);
}

}  // namespace

NamedArrays read_npz(const std::string& path) {
  Archive z = open_for_reading(path);
  NamedArrays arrays;
  const zip_int64_t n = zip_get_num_entries(z.get(), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    const std::string key = key_of(zip_get_name(z.get(), index, 0));
    arrays.emplace_back(key, read_member(z.get(), index, path, key));
  }
  return arrays;
}

NdArray read_npz_array(const std::string& path, const std::string& key) {
  Archive z = open_for_reading(path);
  const zip_int64_t index = zip_name_locate(z.get(), (key + ".npy").c_str(), 0);
  if (index >= 0) return read_member(z.get(), static_cast<zip_uint64_t>(index), path, key);
  std::string keys;
  const zip_int64_t n = zip_get_num_entries(z.get(), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    keys += (i ? ", " : "") + key_of(zip_get_name(z.get(), static_cast<zip_uint64_t>(i), 0));
  }
  throw ValidationError(path + ": key: expected one of [" + keys + "], got \"" + key + "\"");
}

void write_npz(const std::string& path, const NamedArrays& arrays) {
  if (arrays.empty()) {
    // libzip writes no file at all for an empty archive; an empty zip is just its
    // 22-byte end-of-central-directory record, which numpy.load reads as no arrays.
    std::string empty_zip = "PK\x05\x06";
    empty_zip.append(18, '\0');
    write_file_atomically(path, empty_zip);
    return;
  }
  AtomicFile file(path);
  int code = 0;
  zip_t* raw = zip_open(file.temp_path().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (!raw) throw Error(path + ": cannot write: libzip error " + std::to_string(code));
  Archive z(raw);
  // The buffers must live until zip_close, which is when libzip reads them.
  std::vector<std::string> buffers;
  buffers.reserve(arrays.size());
  for (const auto& [key, array] : arrays) {
    buffers.push_back(format_npy(array));
    const std::string& b = buffers.back();
    zip_source_t* source = zip_source_buffer(z.get(), b.data(), b.size(), 0);
    if (!source) throw Error(path + ": cannot write: " + zip_strerror(z.get()));
    const zip_int64_t index = zip_file_add(z.get(), (key + ".npy").c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      throw Error(path + ": cannot write " + key + ": " + zip_strerror(z.get()));
    }
    zip_set_file_compression(z.get(), static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  if (zip_close(z.get()) != 0) throw Error(path + ": cannot write: " + zip_strerror(z.get()));
  z.release();  // closed successfully: zip_close freed it
  file.commit();
}

void write_npz_from_files(const std::string& path, const std::vector<std::pair<std::string, std::string>>& members) {
  if (members.empty()) {
    write_npz(path, {});
    return;
  }
  AtomicFile file(path);
  int code = 0;
  zip_t* raw = zip_open(file.temp_path().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (!raw) throw Error(path + ": cannot write: libzip error " + std::to_string(code));
  Archive z(raw);
  for (const auto& [key, npy] : members) {
    zip_source_t* source = zip_source_file(z.get(), npy.c_str(), 0, -1);
    if (!source) throw Error(path + ": cannot read " + npy + ": " + zip_strerror(z.get()));
    const zip_int64_t index = zip_file_add(z.get(), (key + ".npy").c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      throw Error(path + ": cannot write " + key + ": " + zip_strerror(z.get()));
    }
    zip_set_file_compression(z.get(), static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  if (zip_close(z.get()) != 0) throw Error(path + ": cannot write: " + zip_strerror(z.get()));
  z.release();
  file.commit();
}

}  // namespace netsim
