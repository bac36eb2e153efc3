#!/usr/bin/env bash
# The seed LMU, netsim against the PyTorch peer, one after the other in the same run on
# this machine: seconds per training batch of 100 (forward + backward + Adam), the
# per-epoch estimate, inference and peak RSS, then the ratios.
#   netsim:  build/bench/lmu_bench (rewrites on; also off with NETSIM_PLAIN=1)
#   PyTorch: ../shared/peers/torch_lmu_psmnist.py bench, variant fold (its fastest on
#            this machine; VARIANTS="fold fft fftrnn loop" runs more), 2 threads,
#            OPENBLAS_NUM_THREADS=1 as the peers README advises, and OpenBLAS's kernels
#            for this CPU (bench/openblas_env.sh).
# Usage: bash bench/lmu_vs_torch.sh [PEERS_DIR]   (needs a build, data/mnist or MNIST_DIR for
# the peer's data loading, and Debian's python3-torch with libopenblas0-pthread: without
# OpenBLAS, torch runs on the reference BLAS, measured 6.4 s per batch instead of about 1 s)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
peers=${1:-../shared/peers}
mnist=${MNIST_DIR:-$root/data/mnist}
batches=${BATCHES:-10}
bench=build/bench/lmu_bench
[[ -x $bench ]] || { echo "lmu_bench: not built; run scripts/setup.sh (or cmake --build build) first" >&2; exit 1; }
[[ -f $peers/torch_lmu_psmnist.py ]] || { echo "no PyTorch peer at $peers/torch_lmu_psmnist.py" >&2; exit 1; }
[[ -f $mnist/train-images-idx3-ubyte || -f $mnist/train-images-idx3-ubyte.gz ]] ||
  { echo "the PyTorch peer reads MNIST from $mnist: run scripts/fetch_mnist.sh (or set MNIST_DIR)" >&2; exit 1; }

source bench/openblas_env.sh
field() { /usr/bin/python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

echo "== netsim (build/bench/lmu_bench --batches $batches)"
ours=$("$bench" --batches "$batches" --json)
echo "$ours"
if [[ ${NETSIM_PLAIN:-0} == 1 ]]; then
  echo "== netsim, rewrites off"
  "$bench" --batches "$batches" --rewrites off --json
fi
for variant in ${VARIANTS:-fold}; do
  echo "== PyTorch peer, variant $variant (torch_lmu_psmnist.py bench --iters $batches)"
  theirs=$(cd "$peers" && MNIST_DIR="$mnist" /usr/bin/python3 torch_lmu_psmnist.py bench --variant "$variant" \
             --iters "$batches" | tail -1)
  /usr/bin/python3 - "$ours" "$theirs" "$variant" <<'PY'
import json, sys
ours, theirs, variant = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
t_ours, t_theirs = ours["train_s_per_batch_median"], theirs["train_s_per_batch_median"]
i_ours = 100.0 / ours["infer_sequences_per_s"]
i_theirs = theirs["infer_s_per_100_batch_median"]
print(f"training batch of 100: netsim {t_ours:.3f} s, PyTorch {variant} {t_theirs:.3f} s (min {theirs['train_s_per_batch_min']:.3f})"
      f"  -> netsim {t_theirs / t_ours:.2f}x faster")
print(f"epoch of 500 batches:  netsim {500 * t_ours:.0f} s, PyTorch {variant} {500 * t_theirs:.0f} s")
print(f"inference, 100 seqs:   netsim {i_ours:.3f} s ({ours['infer_sequences_per_s']:.0f}/s), PyTorch {variant} {i_theirs:.3f} s"
      f"  -> {i_theirs / i_ours:.2f}x")
print(f"peak RSS:              netsim {ours['peak_rss_mib']:.0f} MiB, PyTorch {variant} {theirs['peak_rss_mib_end']:.0f} MiB")
print(f"netsim's sequential part alone: {ours['sequential_s_per_batch']:.3f} s per batch, {ours['sequential_gflops']:.1f} GFLOP/s"
      " (ceiling: build/bench/gemm_ceiling)")
PY
done
