#include "netsim/optimizer/idx_file.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "netsim/core/atomic_file.h"
#include "netsim/core/error.h"

namespace netsim {
namespace {

struct GzCloser {
  void operator()(gzFile_s* f) const { gzclose(f); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

// Reads exactly n bytes or throws, saying how many of the expected bytes were there. The
// buffer grows with what actually arrives (doubling from 64 KiB), so a header that
// promises more than the file holds costs no more memory than the file.
std::vector<unsigned char> read_exactly(gzFile f, std::size_t n, const std::string& path, const std::string& what,
                                        std::size_t offset) {
  std::vector<unsigned char> bytes;
  while (bytes.size() < n) {
    const std::size_t got = bytes.size();
    bytes.resize(got + std::min(n - got, std::max<std::size_t>(std::size_t{64} << 10, got)));
    const int r = gzread(f, bytes.data() + got, static_cast<unsigned>(bytes.size() - got));
    if (r < 0) {
      int code = 0;
      throw ValidationError(path + ": cannot read " + what + ": " + gzerror(f, &code));
    }
    bytes.resize(got + static_cast<std::size_t>(r));
    if (r == 0) {
      throw ValidationError(path + ": truncated: expected " + std::to_string(n) + " bytes of " + what +
                            " after byte " + std::to_string(offset) + ", got " + std::to_string(got));
    }
  }
  return bytes;
}

std::uint32_t big_endian_u32(const unsigned char* b) {
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
}

std::string hex(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", b);
  return buf;
}

template <typename T>
float decode(const unsigned char* b) {
  unsigned char le[sizeof(T)];
  for (std::size_t i = 0; i < sizeof(T); ++i) le[i] = b[sizeof(T) - 1 - i];  // big -> little endian
  T v;
  std::memcpy(&v, le, sizeof(T));
  return static_cast<float>(v);
}

}  // namespace

IdxArray read_idx(const std::string& path) {
  GzFile f(gzopen(path.c_str(), "rb"));
  if (!f) throw ValidationError(path + ": cannot read: " + std::strerror(errno));
  const std::vector<unsigned char> magic = read_exactly(f.get(), 4, path, "the IDX header", 0);
  if (magic[0] != 0 || magic[1] != 0) {
    throw ValidationError(path + ": expected an IDX file (magic number 0x0000TTDD), got bytes " + hex(magic[0]) +
                          " " + hex(magic[1]) + " at the start");
  }
  struct Type { unsigned char code; std::size_t size; float (*decode)(const unsigned char*); };
  static const Type kTypes[] = {{0x08, 1, decode<std::uint8_t>}, {0x09, 1, decode<std::int8_t>},
                                {0x0B, 2, decode<std::int16_t>}, {0x0C, 4, decode<std::int32_t>},
                                {0x0D, 4, decode<float>},        {0x0E, 8, decode<double>}};
  const Type* type = nullptr;
  for (const auto& t : kTypes)
    if (t.code == magic[2]) type = &t;
  if (!type) {
    throw ValidationError(path + ": IDX type: expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E, got " + hex(magic[2]));
  }
  const int dims = magic[3];
  if (dims == 0) throw ValidationError(path + ": IDX header: expected at least one dimension, got 0");
  const std::vector<unsigned char> header = read_exactly(f.get(), static_cast<std::size_t>(dims) * 4, path, "the IDX dimensions", 4);
  IdxArray a;
  std::size_t count = 1;
  for (int d = 0; d < dims; ++d) {
    const std::uint32_t n = big_endian_u32(&header[static_cast<std::size_t>(d) * 4]);
    a.shape.push_back(n);
    constexpr std::size_t kMaxCount = std::size_t{1} << 34;
    if (n != 0 && count > kMaxCount / n) throw ValidationError(path + ": IDX header: implausibly large dimensions");
    count *= n;
  }
  const std::vector<unsigned char> raw = read_exactly(f.get(), count * type->size, path, "IDX data", 4 + header.size());
  a.values.resize(count);
  for (std::size_t i = 0; i < count; ++i) a.values[i] = type->decode(&raw[i * type->size]);
  return a;
}

void write_idx_ubyte(const std::string& path, const std::vector<std::int64_t>& shape,
                     const std::vector<std::uint8_t>& values) {
  std::string bytes = {0, 0, 0x08, static_cast<char>(shape.size())};
  for (std::int64_t d : shape) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes += static_cast<char>((static_cast<std::uint64_t>(d) >> shift) & 0xff);
  }
  bytes.append(reinterpret_cast<const char*>(values.data()), values.size());
  const bool gz = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
  if (!gz) {
    write_file_atomically(path, bytes);
    return;
  }
  AtomicFile file(path);
  gzFile f = gzopen(file.temp_path().c_str(), "wb");
  if (!f) throw Error(path + ": cannot write: " + std::strerror(errno));
  const bool written = gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())) == static_cast<int>(bytes.size());
  if ((gzclose(f) != Z_OK) || !written) throw Error(path + ": cannot write the compressed file");
  file.commit();
}

}  // namespace netsim
