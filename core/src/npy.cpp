#include "netsim/core/npy.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "netsim/core/error.h"

namespace netsim {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicSize = 6;

// The value text after `'key':` in the header dict, up to the next top-level comma.
std::string header_value(const std::string& header, const std::string& key, const std::string& where) {
  const std::string quoted = "'" + key + "'";
  const auto at = header.find(quoted);
  if (at == std::string::npos) throw ValidationError(where + ": header: expected a '" + key + "' entry, got " + header);
  auto pos = header.find(':', at + quoted.size());
  if (pos == std::string::npos) throw ValidationError(where + ": header: expected ':' after '" + key + "'");
  ++pos;
  while (pos < header.size() && header[pos] == ' ') ++pos;
  std::size_t end = pos;
  int depth = 0;
  for (; end < header.size(); ++end) {
    const char c = header[end];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if ((c == ',' || c == '}') && depth == 0) break;
  }
  return header.substr(pos, end - pos);
}

std::vector<Index> parse_shape(const std::string& text, const std::string& where) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') {
    throw ValidationError(where + ": header: shape: expected a tuple, got " + text);
  }
  std::vector<Index> shape;
  std::stringstream in(text.substr(1, text.size() - 2));
  std::string part;
  while (std::getline(in, part, ',')) {
    const auto first = part.find_first_not_of(' ');
    if (first == std::string::npos) continue;  // "(3,)" leaves an empty tail
    char* end = nullptr;
    const long long v = std::strtoll(part.c_str() + first, &end, 10);
    const bool only_spaces_after = part.find_first_not_of(' ', static_cast<std::size_t>(end - part.c_str())) == std::string::npos;
    if (end == part.c_str() + first || v < 0 || !only_spaces_after) {
      throw ValidationError(where + ": header: shape: expected non-negative integers, got " + text);
    }
    shape.push_back(static_cast<Index>(v));
  }
  return shape;
}

template <typename T>
float load_as_float(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return static_cast<float>(v);
}

using Loader = float (*)(const char*);

Loader loader_for(const std::string& descr, std::size_t& item_size, const std::string& where) {
  // descr is quoted: '<f4'. '|' marks byte-sized types, '=' native (little-endian here).
  const std::string d = descr.size() >= 2 ? descr.substr(1, descr.size() - 2) : descr;
  const std::string kind = d.size() >= 2 && (d[0] == '<' || d[0] == '|' || d[0] == '=') ? d.substr(1) : "";
  struct Entry { const char* kind; std::size_t size; Loader load; };
  static const Entry kEntries[] = {
      {"f4", 4, load_as_float<float>},           {"f8", 8, load_as_float<double>},
      {"i1", 1, load_as_float<std::int8_t>},     {"i2", 2, load_as_float<std::int16_t>},
      {"i4", 4, load_as_float<std::int32_t>},    {"i8", 8, load_as_float<std::int64_t>},
      {"u1", 1, load_as_float<std::uint8_t>},    {"u2", 2, load_as_float<std::uint16_t>},
      {"u4", 4, load_as_float<std::uint32_t>},   {"u8", 8, load_as_float<std::uint64_t>},
      {"b1", 1, load_as_float<std::uint8_t>},
  };
  for (const auto& e : kEntries) {
    if (kind == e.kind) {
      item_size = e.size;
      return e.load;
    }
  }
  throw ValidationError(where + ": dtype: expected little-endian float, int, uint or bool, got " + d);
}

}  // namespace

std::string read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ValidationError(path + ": cannot read: " + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw ValidationError(path + ": cannot read: " + std::strerror(errno));
  return buffer.str();
}

NdArray parse_npy(const std::string& bytes, const std::string& where) {
  if (bytes.size() < 10 || bytes.compare(0, kMagicSize, kMagic, kMagicSize) != 0) {
    throw ValidationError(where + ": expected a .npy file (starting with \\x93NUMPY), got " +
                          (bytes.empty() ? std::string("an empty file") : "other data"));
  }
  const int major = static_cast<unsigned char>(bytes[6]);
  std::size_t header_len = 0;
  std::size_t header_start = 0;
  if (major == 1) {
    header_len = static_cast<unsigned char>(bytes[8]) | (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) throw ValidationError(where + ": truncated header");
    for (int i = 3; i >= 0; --i) header_len = (header_len << 8) | static_cast<unsigned char>(bytes[8 + static_cast<std::size_t>(i)]);
    header_start = 12;
  } else {
    throw ValidationError(where + ": format version: expected 1, 2 or 3, got " + std::to_string(major));
  }
  if (header_start + header_len > bytes.size()) throw ValidationError(where + ": truncated header");
  const std::string header = bytes.substr(header_start, header_len);

  std::size_t item_size = 0;
  const Loader load = loader_for(header_value(header, "descr", where), item_size, where);
  const std::string order = header_value(header, "fortran_order", where);
  if (order != "False" && order != "True") {
    throw ValidationError(where + ": header: fortran_order: expected True or False, got " + order);
  }
  NdArray array;
  array.shape = parse_shape(header_value(header, "shape", where), where);
  const std::size_t data_start = header_start + header_len;
  // The element count, multiplied out with overflow checks: a shape may promise more
  // than fits in 64 bits (and wrap to any value, 0 included). A zero dimension makes an
  // empty array, whatever the others say.
  std::size_t count = 1;
  bool overflow = false;
  for (Index d : array.shape) overflow = __builtin_mul_overflow(count, static_cast<std::size_t>(d), &count) || overflow;
  std::size_t data_bytes = 0;
  overflow = __builtin_mul_overflow(count, item_size, &data_bytes) || overflow;
  const bool empty = std::find(array.shape.begin(), array.shape.end(), Index{0}) != array.shape.end();
  if (empty) count = 0;
  if (overflow && !empty) {
    throw ValidationError(where + ": data: shape " + array.shape_string() + " promises more elements than the " +
                          std::to_string(bytes.size() - data_start) + " data bytes hold");
  }
  if (bytes.size() - data_start != count * item_size) {
    throw ValidationError(where + ": data: expected " + std::to_string(count * item_size) +
                          " bytes for shape " + array.shape_string() + ", got " +
                          std::to_string(bytes.size() - data_start));
  }
  array.values.resize(count);
  // An empty array (some dimension 0) has nothing to place, and the other dimensions'
  // C-order strides below could overflow (a fuzz finding).
  if (count == 0) return array;
  const char* data = bytes.data() + data_start;
  if (order == "False" || array.rank() < 2) {
    for (std::size_t i = 0; i < count; ++i) array.values[i] = load(data + i * item_size);
    return array;
  }
  // Fortran order: the first index varies fastest in the file. Walk the file in its
  // order, keeping the C-order offset of each element.
  const auto rank = array.shape.size();
  std::vector<Index> stride(rank, 1);  // C-order strides
  for (std::size_t d = rank - 1; d > 0; --d) stride[d - 1] = stride[d] * array.shape[d];
  std::vector<Index> index(rank, 0);
  for (std::size_t i = 0; i < count; ++i) {
    Index offset = 0;
    for (std::size_t d = 0; d < rank; ++d) offset += index[d] * stride[d];
    array.values[static_cast<std::size_t>(offset)] = load(data + i * item_size);
    for (std::size_t d = 0; d < rank && ++index[d] == array.shape[d]; ++d) index[d] = 0;
  }
  return array;
}

std::string format_npy(const NdArray& array) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + array.shape_string() + ", }";
  // Magic (6) + version (2) + length (2) + header + '\n' must be a multiple of 64.
  const std::size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string out(kMagic, kMagicSize);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>((header.size() >> 8) & 0xff);
  out += header;
  const auto* raw = reinterpret_cast<const char*>(array.values.data());
  out.append(raw, array.values.size() * sizeof(float));
  return out;
}

NdArray read_npy(const std::string& path) { return parse_npy(read_file_bytes(path), path); }

namespace {

// A header of exactly kAppenderHeader bytes (a multiple of 64, room for three 19-digit
// dimensions), so that rewriting it never moves the values.
constexpr std::size_t kAppenderHeader = NpyAppender::kHeaderBytes;

std::string appender_header(const std::vector<Index>& shape) {
  std::string dims = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) dims += std::to_string(shape[i]) + (shape.size() == 1 ? "," : i + 1 < shape.size() ? ", " : "");
  dims += ")";
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + dims + ", }";
  if (10 + header.size() + 1 > kAppenderHeader) throw Error("npy: shape " + dims + " does not fit the streamed header");
  header.append(kAppenderHeader - 10 - header.size() - 1, ' ');
  header += '\n';
  std::string out(kMagic, kMagicSize);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>((header.size() >> 8) & 0xff);
  return out + header;
}

}  // namespace

NpyAppender::NpyAppender(std::string path) : path_(std::move(path)) {
  file_ = std::fopen(path_.c_str(), "wb+");
  if (!file_) throw Error(path_ + ": cannot write: " + std::strerror(errno));
  write_header({0});
}

NpyAppender::NpyAppender(std::string path, std::size_t keep) : path_(std::move(path)) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path_, ec);
  if (ec || size < kAppenderHeader + keep * sizeof(float))
    throw Error(path_ + ": cannot continue: expected at least " + std::to_string(keep) + " values after the header");
  std::filesystem::resize_file(path_, kAppenderHeader + keep * sizeof(float), ec);
  if (ec) throw Error(path_ + ": cannot continue: " + ec.message());
  file_ = std::fopen(path_.c_str(), "rb+");
  if (!file_) throw Error(path_ + ": cannot write: " + std::strerror(errno));
  written_ = keep;
}

NpyAppender::~NpyAppender() {
  if (file_) std::fclose(file_);
}

void NpyAppender::append(const float* values, std::size_t count) {
  if (std::fseek(file_, 0, SEEK_END) != 0 || std::fwrite(values, sizeof(float), count, file_) != count)
    throw Error(path_ + ": cannot write: " + std::strerror(errno));
  written_ += count;
}

void NpyAppender::write_header(const std::vector<Index>& shape) {
  std::size_t product = 1;
  for (Index d : shape) product *= static_cast<std::size_t>(d);
  if (product != written_) throw Error(path_ + ": internal: a header for " + std::to_string(product) + " values, " +
                                       std::to_string(written_) + " written");
  const std::string header = appender_header(shape);
  if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0 || std::fwrite(header.data(), 1, header.size(), file_) != header.size() ||
      std::fflush(file_) != 0)
    throw Error(path_ + ": cannot write: " + std::strerror(errno));
}

}  // namespace netsim
