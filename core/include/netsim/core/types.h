#pragma once
// Numeric types shared by every layer.
//
// Simulation runs in float32 (like NengoDL and the PyTorch peers) so that the GEMMs that
// dominate the cost use the fast single-precision kernels. Descriptions (transforms given
// by the user) are kept in double until the builder lowers them. Signals are row-major
// [batch x size] so that one sequence is one contiguous row.

#include <Eigen/Core>
#include <cstdint>

namespace netsim {

using Scalar = float;
using Index = Eigen::Index;
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using VectorD = Eigen::VectorXd;

}  // namespace netsim
