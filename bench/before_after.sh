#!/usr/bin/env bash
# Before against after in one run on this machine: builds BEFORE (a commit) in a git
# worktree (build-before/, its own build folder) and this checkout in build/, then runs the
# seed LMU's benchmark (bench/lmu_bench: seconds per training batch of 100) for each,
# alternating, ROUNDS times, so that both see the same machine load. docs/performance.md's
# "before/after" tables were measured this way (with the PyTorch peer from
# bench/lmu_vs_torch.sh and the MNIST models from bench/mnist_models_vs_torch.sh in the same
# rounds). With MODELS=1 each round also trains the image seeds with each build's `netsim`:
# the MLP (examples/mnist_mlp.yaml, one epoch of 469 batches of 128, no validation) and the
# CNN (examples/mnist_cnn.yaml, 100 batches of 64), as bench/mnist_models_vs_torch.sh does
# (needs data/mnist: scripts/fetch_mnist.sh).
#
#   bash bench/before_after.sh BEFORE [ROUNDS] [LMU_BENCH_ARGS...]
#   e.g. bash bench/before_after.sh 9842f62 3 --batches 10
#        MODELS=1 bash bench/before_after.sh a10985d 2
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
before=${1:?usage: bash bench/before_after.sh BEFORE [ROUNDS] [LMU_BENCH_ARGS...]}
rounds=${2:-3}
shift $(($# >= 2 ? 2 : 1))
args=("$@")
((${#args[@]})) || args=(--batches 10)
JOBS=${JOBS:-$(nproc)}
commit=$(git rev-parse --verify "$before^{commit}") || { echo "before_after.sh: error: '$before' is not a commit" >&2; exit 2; }
tree=build-before/src
if [[ ! -d $tree ]]; then git worktree add --detach "$tree" "$commit" >/dev/null; fi
git -C "$tree" checkout -q --detach "$commit"
cmake -S "$tree" -B build-before/build -DCMAKE_BUILD_TYPE=Release -DNETSIM_NATIVE=ON >/dev/null
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNETSIM_NATIVE=ON >/dev/null
targets=(lmu_bench)
[[ ${MODELS:-0} == 1 ]] && targets+=(netsim)
cmake --build build-before/build -j "$JOBS" --target "${targets[@]}"
cmake --build build -j "$JOBS" --target "${targets[@]}"
models() {  # $1: the build folder
  [[ ${MODELS:-0} == 1 ]] || return 0
  local tmp root=$PWD
  tmp=$(mktemp -d)
  sed -e "s|folder: ../data/mnist|folder: $root/data/mnist|" -e '/validation: test/d' examples/mnist_mlp.yaml > "$tmp/mlp.yaml"
  "$1/apps/netsim/netsim" train "$tmp/mlp.yaml" --out "$tmp/mlp" --epochs 1 --quiet > /dev/null
  echo "MLP: seconds for an epoch of 469 batches: $(tail -n +2 "$tmp/mlp/history.csv" | cut -d, -f7)"
  sed -e "s|folder: ../data/mnist|folder: $root/data/mnist|" -e 's|    train: 55000 .*|    train: 6400|' \
      -e 's|    validation: 5000 .*|    validation: 0|' examples/mnist_cnn.yaml > "$tmp/cnn.yaml"
  "$1/apps/netsim/netsim" train "$tmp/cnn.yaml" --out "$tmp/cnn" --epochs 1 --quiet > /dev/null
  echo "CNN: seconds for 100 batches of 64: $(tail -n +2 "$tmp/cnn/history.csv" | cut -d, -f7)"
  rm -rf "$tmp"
}
for ((r = 1; r <= rounds; ++r)); do
  echo "== round $r: before ($before)"
  build-before/build/bench/lmu_bench "${args[@]}"
  models build-before/build
  echo "== round $r: after ($(git rev-parse --short HEAD))"
  build/bench/lmu_bench "${args[@]}"
  models build
done
