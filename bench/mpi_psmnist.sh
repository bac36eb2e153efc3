#!/usr/bin/env bash
# Data-parallel training on this machine (docs/distributed.md): one epoch of the seed LMU
# (examples/psmnist_lmu.yaml) as one process with T threads, then as mpirun -np R ranks
# (T/R threads each, the default), then the gradient allreduce alone. One run, same
# machine: only these ratios count.
#
#   bash bench/mpi_psmnist.sh [RANKS (2)] [THREADS (2)] [EPOCHS (1)]
set -euo pipefail
cd "$(dirname "$0")/.."
ranks=${1:-2} threads=${2:-2} epochs=${3:-1}
netsim=build/apps/netsim/netsim
[[ -x $netsim && -x build/bench/allreduce_bench ]] || { echo "mpi_psmnist.sh: build first (bash scripts/setup.sh)" >&2; exit 1; }
[[ -f data/mnist/train-images-idx3-ubyte || -f data/mnist/train-images-idx3-ubyte.gz ]] || bash scripts/fetch_mnist.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mpi=(mpirun --allow-run-as-root --oversubscribe -np "$ranks")
epoch_seconds() { tail -n +2 "$1/history.csv" | awk -F, '{s += $7; n++} END {printf "%.1f", s / n}'; }
field() { grep -o "\"$2\": [^,}]*" "$1/train.json" | head -1 | sed 's/.*: //'; }

echo "== one process, $threads threads"
$netsim train examples/psmnist_lmu.yaml --epochs "$epochs" --threads "$threads" --out "$out/one" --quiet
echo "== mpirun -np $ranks, $((threads / ranks)) thread(s) per rank"
"${mpi[@]}" $netsim train examples/psmnist_lmu.yaml --epochs "$epochs" --out "$out/ranks" --quiet
echo "== the allreduce alone"
"${mpi[@]}" build/bench/allreduce_bench 101549 2000

one=$(epoch_seconds "$out/one") par=$(epoch_seconds "$out/ranks")
echo
echo "| run | s per epoch (incl. validation) | val_accuracy | test_accuracy |"
echo "|---|---|---|---|"
echo "| 1 process x $threads threads | $one | $(field "$out/one" val_accuracy) | $(field "$out/one" test_accuracy) |"
echo "| $ranks ranks x $((threads / ranks)) thread(s) | $par | $(field "$out/ranks" val_accuracy) | $(field "$out/ranks" test_accuracy) |"
echo
echo "gradient allreduce in training: $(field "$out/ranks" gradient_allreduce_s_per_update) s per update (includes waiting for the slower rank)"
