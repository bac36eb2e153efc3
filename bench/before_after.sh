#!/usr/bin/env bash
# Before against after in one run on this machine: builds BEFORE (a commit) in a git
# worktree (build-before/, its own build folder) and this checkout in build/, then runs the
# seed LMU's benchmark (bench/lmu_bench: seconds per training batch of 100) for each,
# alternating, ROUNDS times, so that both see the same machine load. docs/performance.md's
# "before/after" tables were measured this way (with the PyTorch peer from
# bench/lmu_vs_torch.sh and the MNIST models from bench/mnist_models_vs_torch.sh in the same
# rounds).
#
#   bash bench/before_after.sh BEFORE [ROUNDS] [LMU_BENCH_ARGS...]
#   e.g. bash bench/before_after.sh 9842f62 3 --batches 10
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
cmake --build build-before/build -j "$JOBS" --target lmu_bench
cmake --build build -j "$JOBS" --target lmu_bench
for ((r = 1; r <= rounds; ++r)); do
  echo "== round $r: before ($before)"
  build-before/build/bench/lmu_bench "${args[@]}"
  echo "== round $r: after ($(git rev-parse --short HEAD))"
  build/bench/lmu_bench "${args[@]}"
done
