// Computes the LMU's memory matrices and writes them as .npy files, for network files
// that build the LMU node by node (examples/psmnist_lmu_nodes.yaml):
//
//   continuous:  R_i = (2i+1)/theta,  A_ij = R_i * (-1 if i < j else (-1)^(i-j+1)),
//                B_i = R_i * (-1)^i
//   discrete:    zero-order hold over one step dt: exp([[A, B], [0, 0]] dt) = [[Ad, Bd], [0, 1]]
//
// so that m[k] = Ad m[k-1] + Bd u[k] (connection m -> m with transform Ad and synapse 0,
// u -> m with transform Bd and synapse none).
//
//   lmu_matrices --order 256 --theta 784 --out examples/data
#include <unsupported/Eigen/MatrixFunctions>

#include <cstdlib>
#include <iostream>
#include <string>

#include <netsim/netsim.h>

int main(int argc, char** argv) {
  long order = 256;
  double theta = 784.0, dt = 1.0;
  std::string out = ".";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--order") order = std::atol(argv[i + 1]);
    else if (flag == "--theta") theta = std::atof(argv[i + 1]);
    else if (flag == "--dt") dt = std::atof(argv[i + 1]);
    else if (flag == "--out") out = argv[i + 1];
    else {
      std::cerr << "usage: lmu_matrices [--order N] [--theta T] [--dt DT] [--out DIR]\n";
      return 2;
    }
  }
  if (order < 1 || !(theta > 0.0) || !(dt > 0.0)) {
    std::cerr << "lmu_matrices: expected --order >= 1, --theta > 0 and --dt > 0\n";
    return 2;
  }
  // The augmented matrix [[A, B], [0, 0]] (order+1 square), in double precision.
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(order + 1, order + 1);
  for (long i = 0; i < order; ++i) {
    const double r = (2.0 * static_cast<double>(i) + 1.0) / theta;
    for (long j = 0; j < order; ++j) m(i, j) = r * (i < j ? -1.0 : ((i - j + 1) % 2 == 0 ? 1.0 : -1.0));
    m(i, order) = r * (i % 2 == 0 ? 1.0 : -1.0);
  }
  const Eigen::MatrixXd e = (m * dt).exp();
  netsim::Matrix a = e.topLeftCorner(order, order).cast<float>();
  netsim::Matrix b = e.topRightCorner(order, 1).cast<float>();
  const std::string tag = std::to_string(order) + "_" + std::to_string(static_cast<long>(theta));
  try {
    netsim::write_file_atomically(out + "/lmu_A_" + tag + ".npy", netsim::format_npy(netsim::NdArray::from(a)));
    netsim::write_file_atomically(out + "/lmu_B_" + tag + ".npy", netsim::format_npy(netsim::NdArray::from(b)));
  } catch (const netsim::Error& error) {
    std::cerr << "lmu_matrices: " << error.what() << "\n";
    return 1;
  }
  std::cout << "wrote " << out << "/lmu_A_" << tag << ".npy (" << order << "x" << order << ") and " << out
            << "/lmu_B_" << tag << ".npy (" << order << "x1)\n";
  return 0;
}
