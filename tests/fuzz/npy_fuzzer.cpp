// Fuzz target: .npy bytes -> NdArray (core/src/npy.cpp), then the array written and read
// back must be the array again.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "netsim/core/error.h"
#include "netsim/core/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  netsim::NdArray array;
  try {
    array = netsim::parse_npy(bytes, "fuzz.npy");
  } catch (const netsim::Error&) {
    return 0;
  }
  const netsim::NdArray again = netsim::parse_npy(netsim::format_npy(array), "again.npy");
  if (again.shape != array.shape || again.values.size() != array.values.size()) std::abort();
  return 0;
}
