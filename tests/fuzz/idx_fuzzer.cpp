// Fuzz target: IDX bytes, raw or gzip-compressed (zlib tells them apart), -> IdxArray, as
// the MNIST files are read (optimizer/src/idx_file.cpp).
#include <cstdint>

#include "fuzz_sandbox.h"
#include "netsim/core/error.h"
#include "netsim/optimizer/idx_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = netsim::fuzz::write_input("input-idx3-ubyte.gz", data, size);
  try {
    netsim::read_idx(path);
  } catch (const netsim::Error&) {
  }
  return 0;
}
