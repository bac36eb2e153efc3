#pragma once
// NumPy's .npy format (format versions 1-3): a magic string, a Python-dict header giving
// dtype, memory order and shape, then the raw elements.
//
// Reading accepts little-endian float32/float64, signed and unsigned integers of 1-8
// bytes and bool, in C or Fortran order, and converts to float32. Writing produces
// version 1.0 float32 C-order files, which numpy.load reads as float32.

#include <string>

#include "netsim/core/nd_array.h"

namespace netsim {

// Parses the bytes of a .npy file; `where` (a file name, "p.npz:W") starts every message.
// Throws ValidationError("<where>: ...: expected ..., got ...") on anything malformed.
NdArray parse_npy(const std::string& bytes, const std::string& where);

// The bytes of a .npy file holding `array` as float32.
std::string format_npy(const NdArray& array);

// Reads a .npy file; throws ValidationError naming the file if it is missing or malformed.
NdArray read_npy(const std::string& path);

// Reads the whole file into memory; throws ValidationError("<path>: cannot read: <reason>").
std::string read_file_bytes(const std::string& path);

}  // namespace netsim
