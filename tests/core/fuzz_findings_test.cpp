// What the fuzz targets (tests/fuzz, scripts/fuzz.sh) found, kept as files in tests/data/bad
// so that each stays fixed: every one must be refused with a ValidationError naming the
// file, not crash, overflow or allocate what the file only promises.
#include <doctest/doctest.h>
#include <sys/resource.h>

#include <string>
#include <vector>

#include "netsim/core/error.h"
#include "netsim/core/npy.h"
#include "netsim/optimizer/idx_file.h"

namespace netsim::test {
namespace {

// An .npy file (version 1.0) with this header dictionary and no data.
std::string npy_bytes(std::string header) {
  header.append(64 - (10 + header.size() + 1) % 64, ' ');
  header += '\n';
  std::string bytes = "\x93NUMPY";
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>(header.size() >> 8);
  return bytes + header;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

TEST_CASE("fuzz findings: an .npy shape whose element count overflows 64 bits is refused (was signed overflow)") {
  // The fuzzer's file has bytes after its numbers too, refused since as such; its shape
  // written properly still reaches the overflow check.
  const std::string path = std::string(NETSIM_TEST_DATA) + "/bad/fuzz_npy_shape_overflow.npy";
  CHECK_THROWS_AS(read_npy(path), ValidationError);
  CHECK_THROWS_WITH_AS(parse_npy(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 16), }"), "big.npy"),
                       doctest::Contains("promises more elements than the"), ValidationError);
}

TEST_CASE("fuzz findings: an .npy shape with bytes after a number is refused, and an empty Fortran-order array with huge other dimensions reads as empty (was signed overflow in its strides)") {
  // The fuzzer's file: shape "(  0<junk>22,2,224,2222222222222222222 ...)", read as (0, 2, 224, 2.2e18).
  const std::string path = std::string(NETSIM_TEST_DATA) + "/bad/fuzz_npy_empty_fortran_strides.npy";
  CHECK_THROWS_WITH_AS(read_npy(path), doctest::Contains("shape: expected non-negative integers"), ValidationError);
  // The same shape written properly: empty, so nothing to place and no strides to form.
  const NdArray a = parse_npy(npy_bytes("{'descr': '<f4', 'fortran_order': True, 'shape': (0, 2, 224, 2222222222222222222), }"), "empty.npy");
  CHECK(a.values.empty());
  CHECK(a.shape == std::vector<Index>{0, 2, 224, 2222222222222222222});
}

TEST_CASE("fuzz findings: an IDX header promising 12 GB in a 20-byte file is refused without allocating it") {
  const std::string path = std::string(NETSIM_TEST_DATA) + "/bad/fuzz_idx_promises_12gb.idx";
  const long peak_before = peak_rss_kib();
  CHECK_THROWS_WITH_AS(read_idx(path), doctest::Contains("truncated: expected 12633243657 bytes of IDX data after byte 16, got 4"),
                       ValidationError);
  CHECK(peak_rss_kib() - peak_before < 64 * 1024);  // the old reader zero-filled the 12 GB first
}

}  // namespace netsim::test
