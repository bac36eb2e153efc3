#pragma once
// The IDX format of the MNIST files (LeCun et al.): a big-endian header — two zero bytes,
// a type code (0x08 unsigned byte, 0x09 signed byte, 0x0B short, 0x0C int, 0x0D float,
// 0x0E double), the number of dimensions — then each dimension as a 32-bit big-endian
// integer, then the data, big-endian, row-major. Files may be gzip-compressed
// (train-images-idx3-ubyte.gz); zlib reads both forms.

#include <cstdint>
#include <string>
#include <vector>

namespace netsim {

struct IdxArray {
  std::vector<std::int64_t> shape;
  std::vector<float> values;  // converted from the file's type
};

// Throws ValidationError naming the file and what was expected: a missing file, a bad
// magic number, an unknown type code, or fewer bytes than the header promises.
IdxArray read_idx(const std::string& path);

// Writes unsigned-byte IDX data (values must be integers in 0..255), gzip-compressed when
// the path ends in .gz. For tests and for tools that make small MNIST-like sets.
void write_idx_ubyte(const std::string& path, const std::vector<std::int64_t>& shape,
                     const std::vector<std::uint8_t>& values);

}  // namespace netsim
