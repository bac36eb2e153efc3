#pragma once
// NumPy's .npy format (format versions 1-3): a magic string, a Python-dict header giving
// dtype, memory order and shape, then the raw elements.
//
// Reading accepts little-endian float32/float64, signed and unsigned integers of 1-8
// bytes and bool, in C or Fortran order, and converts to float32. Writing produces
// version 1.0 float32 C-order files, which numpy.load reads as float32.

#include <cstdio>
#include <string>
#include <vector>

#include "netsim/core/nd_array.h"

namespace netsim {

// Parses the bytes of a .npy file; `where` (a file name, "p.npz:W") starts every message.
// Throws ValidationError("<where>: ...: expected ..., got ...") on anything malformed.
NdArray parse_npy(const std::string& bytes, const std::string& where);

// The bytes of a .npy file holding `array` as float32.
std::string format_npy(const NdArray& array);

// A float32 .npy file written piece by piece without holding it: rows are appended (C
// order), and the header, of a fixed length, is rewritten in place with the shape given
// (whose product must be the values written so far). After every write_header() the file
// is a complete .npy that numpy.load (mmap_mode="r" too) reads: a process killed later
// leaves the values up to the last header written. Throws Error naming the file.
class NpyAppender {
 public:
  static constexpr std::size_t kHeaderBytes = 192;  // the values start here
  explicit NpyAppender(std::string path);
  // Reopens a file this class wrote, keeping its first `keep` values (those its last
  // header counted) and dropping anything after them.
  NpyAppender(std::string path, std::size_t keep);
  ~NpyAppender();
  NpyAppender(const NpyAppender&) = delete;
  NpyAppender& operator=(const NpyAppender&) = delete;
  void append(const float* values, std::size_t count);
  void write_header(const std::vector<Index>& shape);  // flushes the values first
  std::size_t values_written() const { return written_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  std::size_t written_ = 0;
};

// Reads a .npy file; throws ValidationError naming the file if it is missing or malformed.
NdArray read_npy(const std::string& path);

// Reads the whole file into memory; throws ValidationError("<path>: cannot read: <reason>").
std::string read_file_bytes(const std::string& path);

}  // namespace netsim
