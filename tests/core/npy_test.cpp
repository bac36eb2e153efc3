// .npy and .npz files: what netsim writes reads back exactly, and what NumPy writes
// (committed in tests/data/arrays/, made by scripts in that folder's README) reads right.
#include <doctest/doctest.h>

#include <sys/resource.h>

#include <csignal>

#include <filesystem>

#include "netsim/core/error.h"
#include "netsim/core/npy.h"
#include "netsim/core/npz.h"
#include "scratch_dir.h"

namespace netsim::test {
namespace {

std::string arrays(const std::string& file) { return std::string(NETSIM_TEST_DATA) + "/arrays/" + file; }

}  // namespace

TEST_CASE("npy: format then parse gives back shape and values, header is 64-byte aligned") {
  for (const NdArray& a : {NdArray{{2, 3}, {1, 2, 3, 4, 5, -6.5f}}, NdArray{{4}, {0, 1, 2, 3}},
                           NdArray{{}, {42}}, NdArray{{2, 0, 3}, {}}}) {
    const std::string bytes = format_npy(a);
    CHECK((bytes.size() - a.values.size() * 4) % 64 == 0);
    const NdArray b = parse_npy(bytes, "mem");
    CHECK(b.shape == a.shape);
    CHECK(b.values == a.values);
  }
}

TEST_CASE("npy: NumPy's float64 Fortran-order and integer files convert to C-order float32") {
  // np.save('f64_fortran.npy', np.asfortranarray(np.arange(6.).reshape(2, 3)))
  const NdArray f = read_npy(arrays("f64_fortran.npy"));
  CHECK(f.shape == std::vector<Index>{2, 3});
  CHECK(f.values == std::vector<float>{0, 1, 2, 3, 4, 5});
  // np.save('u8.npy', np.array([[0, 255], [7, 9]], np.uint8))
  const NdArray u = read_npy(arrays("u8.npy"));
  CHECK(u.values == std::vector<float>{0, 255, 7, 9});
}

TEST_CASE("npz: NumPy's compressed archives read, members by key") {
  // np.savez_compressed('compressed.npz', a=np.arange(5, dtype=np.int32), b=np.eye(2))
  const NamedArrays all = read_npz(arrays("compressed.npz"));
  REQUIRE(all.size() == 2);
  CHECK(all[0].first == "a");
  CHECK(all[0].second.values == std::vector<float>{0, 1, 2, 3, 4});
  CHECK(read_npz_array(arrays("compressed.npz"), "b").values == std::vector<float>{1, 0, 0, 1});
  CHECK_THROWS_WITH_AS(read_npz_array(arrays("compressed.npz"), "c"),
                       doctest::Contains("key: expected one of [a, b], got \"c\""), ValidationError);
}

TEST_CASE("npz: write then read round-trips, a failed write keeps the old file") {
  const ScratchDir dir;
  const std::string path = dir.file("p.npz");
  write_npz(path, {{"x", NdArray{{2}, {1, 2}}}, {"a->b", NdArray{{1, 1}, {3}}}});
  const NamedArrays back = read_npz(path);
  REQUIRE(back.size() == 2);
  CHECK(back[1].first == "a->b");
  CHECK(back[1].second.values == std::vector<float>{3});
  // A write to the same path that fails half-way (the file-size limit is hit while the
  // 400 kB archive is written): the old file stays whole and no temporary is left behind.
  NdArray big{{100000}, std::vector<float>(100000, 1.5f)};
  rlimit old_limit{};
  REQUIRE(getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);  // EFBIG instead of a signal
  rlimit small = old_limit;
  small.rlim_cur = 4096;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
  bool threw = false;
  try {
    write_npz(path, {{"x", big}});
  } catch (const Error&) {
    threw = true;
  }
  setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);
  CHECK(threw);
  const NamedArrays kept = read_npz(path);
  REQUIRE(kept.size() == 2);
  CHECK(kept[0].second.values == std::vector<float>{1, 2});
  CHECK(kept[1].second.values == std::vector<float>{3});
  // A write into a folder that does not exist fails too, before touching anything.
  CHECK_THROWS_AS(write_npz(dir.file("missing/q.npz"), {{"x", NdArray{{1}, {1}}}}), Error);
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("npy: malformed files name the file and what was expected") {
  CHECK_THROWS_WITH(parse_npy("", "e.npy"), doctest::Contains("e.npy: expected a .npy file"));
  std::string truncated = format_npy(NdArray{{3}, {1, 2, 3}});
  truncated.resize(truncated.size() - 2);
  CHECK_THROWS_WITH(parse_npy(truncated, "t.npy"), doctest::Contains("t.npy: data: expected 12 bytes for shape (3,), got 10"));
  std::string big_endian = format_npy(NdArray{{1}, {1}});
  big_endian.replace(big_endian.find("<f4"), 3, ">f4");
  CHECK_THROWS_WITH(parse_npy(big_endian, "b.npy"), doctest::Contains("dtype: expected little-endian"));
  CHECK_THROWS_WITH(read_npy("/nonexistent.npy"), doctest::Contains("/nonexistent.npy: cannot read"));
}

}  // namespace netsim::test
