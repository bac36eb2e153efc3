# Warning and code-generation flags shared by every netsim target, as an INTERFACE target
# so that each layer opts in with one target_link_libraries line.
add_library(netsim_warnings INTERFACE)
target_compile_options(netsim_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Wunused
  -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
  # A switch over an enum (NodeKind, ...) must name every enumerator: adding a kind then
  # fails to compile wherever it is not handled.
  -Werror=switch
  # GCC 12 false positives inside Eigen's AVX-512 kernels and libstdc++'s char_traits
  # (clang, used for the fuzz targets, knows neither flag).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized> $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  # The FFT's 16-float GCC vectors (builder/src/batched_fft.h) pass by value between inline
  # functions inside one library; in a portable build (no AVX-512) GCC notes that this
  # would change an ABI that no call ever crosses.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-psabi>
  # Option structs are meant to be filled with designated initializers that leave
  # defaulted fields out: {.transform = ..., .synapse = ...}.
  -Wno-missing-field-initializers)

add_library(netsim_codegen INTERFACE)
if(NETSIM_NATIVE)
  target_compile_options(netsim_codegen INTERFACE -march=native)
endif()
# Eigen must not spawn its own threads: parallelism belongs to the TBB schedule.
target_compile_definitions(netsim_codegen INTERFACE EIGEN_DONT_PARALLELIZE)
