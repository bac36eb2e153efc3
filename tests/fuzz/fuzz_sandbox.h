#pragma once
// What the fuzz targets share: a private folder per fuzzer process (removed at exit) that
// inputs are written into when the reader under test takes a path, holding small valid
// data files that a fuzzed network file or command line may name; and the rule for what
// counts as a finding.
//
// A reader may reject its input only with netsim::Error (ValidationError, ConfigError,
// UsageError, BuildError: the located messages users see). Any other exception escaping
// a reader (std::out_of_range, YAML::Exception, std::bad_alloc from a size taken on
// trust, ...) is a bug: the targets let it escape, and libFuzzer reports it as a crash
// with the input that caused it. Crashes, leaks and undefined behaviour are caught by the
// sanitizers the targets are built with.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace netsim::fuzz {

// The sandbox folder, created (with its data files) on the first call:
//   u.npy        float32 (2, 6, 1)        weights.npz  net.yaml's weights (x->h, h->h, h->out)
//   x_train.npy  float32 (16, 6, 1)       y_train.npy  float32 (16,) of 0/1
//   val.npz      x (8, 6, 1), y (8,)      net.yaml     a small trainable recurrent network
//   data/        a link to examples/data (the LMU matrices examples/*.yaml name)
const std::filesystem::path& sandbox();

// Writes the bytes to sandbox()/name and returns that path.
std::string write_input(const std::string& name, const std::uint8_t* data, std::size_t size);

}  // namespace netsim::fuzz
