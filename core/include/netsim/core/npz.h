#pragma once
// NumPy's .npz format: a zip archive of .npy files, one per array, named "<key>.npy".
// The zip container is handled by libzip (Debian's libzip-dev); see docs/architecture.md.
// Reading accepts stored and deflated members (numpy.savez and numpy.savez_compressed).

#include <string>
#include <utility>
#include <vector>

#include "netsim/core/nd_array.h"

namespace netsim {

using NamedArrays = std::vector<std::pair<std::string, NdArray>>;

// All arrays of an .npz file, in archive order, keyed without the ".npy" suffix. Throws
// ValidationError naming the file (and member) if it is missing or malformed.
NamedArrays read_npz(const std::string& path);

// One array of an .npz file; throws ValidationError listing the keys if `key` is absent.
NdArray read_npz_array(const std::string& path, const std::string& key);

// Writes the arrays (stored, uncompressed, as numpy.savez does) atomically: an existing
// file at `path` is replaced only when the new one is complete. Throws Error on failure.
void write_npz(const std::string& path, const NamedArrays& arrays);
// The same from .npy files already on disk (key, file), copied into the archive as it is
// written (libzip reads them then: no array is held in memory). Atomic as write_npz.
void write_npz_from_files(const std::string& path, const std::vector<std::pair<std::string, std::string>>& members);

}  // namespace netsim
