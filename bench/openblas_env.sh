# Sourced by the bench scripts before they start PyTorch: the BLAS settings that make
# PyTorch a fair yardstick on this machine.
#   OPENBLAS_NUM_THREADS=1  the peers' README: torch's own threads do the parallel work.
#   OPENBLAS_CORETYPE       OpenBLAS 0.3.21 (Debian 12) does not know every CPU: on this
#                           machine's Xeon (family 6, model 207) it falls back to its
#                           generic "Prescott" kernels, 4.7x slower per GEMM (30 instead of
#                           149 GFLOP/s, build/bench/gemm_ceiling with OPENBLAS_VERBOSE=2),
#                           and PyTorch with it. Unless the caller chose one, pick the best
#                           kernel family the CPU's flags allow: SkylakeX with AVX-512,
#                           Haswell with AVX2 and FMA.
export OPENBLAS_NUM_THREADS=1
if [[ -z ${OPENBLAS_CORETYPE:-} && -r /proc/cpuinfo ]]; then
  flags=" $(grep -m1 '^flags' /proc/cpuinfo) "
  if [[ $flags == *" avx512f "* && $flags == *" avx512bw "* && $flags == *" avx512vl "* && $flags == *" avx512dq "* ]]; then
    export OPENBLAS_CORETYPE=SKYLAKEX
  elif [[ $flags == *" avx2 "* && $flags == *" fma "* ]]; then
    export OPENBLAS_CORETYPE=HASWELL
  fi
  unset flags
fi
echo "PyTorch's BLAS: OpenBLAS kernels ${OPENBLAS_CORETYPE:-as OpenBLAS detects them}, OPENBLAS_NUM_THREADS=1" >&2
