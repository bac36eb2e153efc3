// Fuzz target: .npz archive bytes (libzip container + .npy members) -> named arrays, as
// parameter files and --input files are read (core/src/npz.cpp).
#include <cstdint>

#include "fuzz_sandbox.h"
#include "netsim/core/error.h"
#include "netsim/core/npz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = netsim::fuzz::write_input("input.npz", data, size);
  try {
    const netsim::NamedArrays arrays = netsim::read_npz(path);
    if (!arrays.empty()) netsim::read_npz_array(path, arrays.front().first);
  } catch (const netsim::Error&) {
  }
  return 0;
}
