// What the fuzz targets (tests/fuzz, scripts/fuzz.sh) found, kept as files in tests/data/bad
// so that each stays fixed: every one must be refused with a ValidationError naming the
// file, not crash, overflow or allocate what the file only promises.
#include <doctest/doctest.h>
#include <sys/resource.h>

#include "netsim/core/error.h"
#include "netsim/core/npy.h"
#include "netsim/optimizer/idx_file.h"

namespace netsim::test {
namespace {

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

TEST_CASE("fuzz findings: an .npy shape whose element count overflows 64 bits is refused (was signed overflow)") {
  const std::string path = std::string(NETSIM_TEST_DATA) + "/bad/fuzz_npy_shape_overflow.npy";
  CHECK_THROWS_WITH_AS(read_npy(path), doctest::Contains("promises more elements than the"), ValidationError);
}

TEST_CASE("fuzz findings: an IDX header promising 12 GB in a 20-byte file is refused without allocating it") {
  const std::string path = std::string(NETSIM_TEST_DATA) + "/bad/fuzz_idx_promises_12gb.idx";
  const long peak_before = peak_rss_kib();
  CHECK_THROWS_WITH_AS(read_idx(path), doctest::Contains("truncated: expected 12633243657 bytes of IDX data after byte 16, got 4"),
                       ValidationError);
  CHECK(peak_rss_kib() - peak_before < 64 * 1024);  // the old reader zero-filled the 12 GB first
}

}  // namespace netsim::test
