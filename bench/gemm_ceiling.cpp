// The machine's float GEMM ceiling, and what the seed LMU's sequential part can get:
// GFLOP/s of C += A * B for a large square product and for the hidden recurrence's
// per-step shapes, with Eigen (what netsim uses) and, when built with it, OpenBLAS
// (sgemm_, single-threaded calls). The ceiling also with its rows split over two threads.
//
//   build/bench/gemm_ceiling     (for OpenBLAS's column: source bench/openblas_env.sh first;
//                                 OpenBLAS 0.3.21 runs generic kernels on CPUs it does not know)

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <chrono>
#include <cstdio>
#include <functional>

#include <Eigen/Dense>

#ifdef NETSIM_BENCH_OPENBLAS
extern "C" void sgemm_(const char* ta, const char* tb, const int* m, const int* n, const int* k, const float* alpha,
                       const float* a, const int* lda, const float* b, const int* ldb, const float* beta, float* c,
                       const int* ldc);
#endif

namespace {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Best GFLOP/s of `repeats` calls of fn, which does `flops` floating-point operations.
double gflops(double flops, int repeats, const std::function<void()>& fn) {
  fn();  // warm-up
  double best = 1e30;
  for (int r = 0; r < 3; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < repeats; ++i) fn();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return flops * repeats / best * 1e-9;
}

void row(const char* what, long m, long n, long k, int threads) {
  Matrix a = Matrix::Random(m, k), b = Matrix::Random(k, n), c = Matrix::Zero(m, n);
  const double flops = 2.0 * static_cast<double>(m * n * k);
  const int repeats = static_cast<int>(std::max(1.0, 2e9 / flops));
  auto split = [&](const std::function<void(long, long)>& part) {
    if (threads == 1) return part(0, m);
    tbb::parallel_for(0, threads, [&](int t) { part(m * t / threads, m * (t + 1) / threads); });
  };
  const double eigen = gflops(flops, repeats, [&] {
    split([&](long r0, long r1) { c.middleRows(r0, r1 - r0).noalias() += a.middleRows(r0, r1 - r0) * b; });
  });
  std::printf("%-34s %5ld x %4ld x %4ld  %d thread(s)  Eigen %6.1f GFLOP/s", what, m, n, k, threads, eigen);
#ifdef NETSIM_BENCH_OPENBLAS
  // Row-major C = A B is column-major C^T = B^T A^T.
  const double blas = gflops(flops, repeats, [&] {
    split([&](long r0, long r1) {
      const int mm = static_cast<int>(n), nn = static_cast<int>(r1 - r0), kk = static_cast<int>(k);
      const float one = 1.0f;
      sgemm_("N", "N", &mm, &nn, &kk, &one, b.data(), &mm, a.data() + r0 * k, &kk, &one, c.data() + r0 * n, &mm);
    });
  });
  std::printf("   OpenBLAS %6.1f GFLOP/s", blas);
#endif
  std::printf("\n");
}

}  // namespace

int main() {
  // The simulator gives each core a task of 50 of the 100 sequences; per step and task
  // the hidden recurrence does h W^T ([50 x 212] [212 x 212]) forward, and g W
  // (same shape) and g^T h ([212 x 50] [50 x 212]) backward.
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
    row("ceiling (large square)", 1536, 1536, 1536, 1);
    row("LMU step: h W^T, one task", 50, 212, 212, 1);
    row("LMU step: g^T h, one task", 212, 212, 50, 1);
    row("CNN conv2 fwd, one image", 196, 64, 800, 1);
    row("CNN conv2 dpatch, one image", 196, 800, 64, 1);
    row("CNN conv2 dK, one image", 64, 800, 196, 1);
    row("CNN conv1 fwd, 13 images", 10192, 32, 25, 1);
    row("CNN dense fwd, 32 rows", 32, 512, 3136, 1);
    row("CNN dense dW", 3136, 512, 32, 1);
  }
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
    row("ceiling (large square)", 1536, 1536, 1536, 2);
  }
  return 0;
}
