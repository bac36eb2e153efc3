#!/usr/bin/env bash
# Thread scaling of the seed LMU on a many-core host, netsim against the PyTorch peer in one
# run: build/bench/lmu_bench and PyTorch's fold variant (../shared/peers/torch_lmu_device.py)
# at 1/2/4/8/16 threads, plus netsim at minibatch 16 and with the rewrites off.
#
# Made for the lent `device` machine (16 cores, PyTorch, no compilers for our dependencies,
# nothing to install), so it has two halves:
#   bash bench/device_scaling.sh prepare   here: builds lmu_bench twice (x86-64-v4 for
#                                          AVX-512 hosts, x86-64-v3 for AVX2 ones; the
#                                          host's CPU is unknown beforehand), and gathers
#                                          it, the shared libraries it needs beyond libc
#                                          and libstdc++, and the peer scripts into
#                                          .device-carry/ (ignored by git)
#   bash bench/device_scaling.sh run       there (carry .device-carry): picks the build
#                                          the CPU's flags allow, runs everything, writes
#                                          one JSON line per run to $OUT/scaling.jsonl
#                                          (or ./scaling.jsonl) and prints a table
# THREADS="1 2 4 8 16", BATCHES=10 and PYTHON=python3 (one with torch, numpy and scipy) may
# be overridden; LEVELS="v4" builds for AVX-512 hosts only (the carry limit is 64 MB, and
# oneDNN alone is 40).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
carry=.device-carry
threads=${THREADS:-1 2 4 8 16}
batches=${BATCHES:-10}

prepare() {
  local peers=${1:-../shared/peers}
  [[ -f $peers/torch_lmu_device.py ]] || { echo "no peer at $peers/torch_lmu_device.py" >&2; exit 1; }
  rm -rf "$carry" && mkdir -p "$carry/lib" "$carry/peers"
  for level in ${LEVELS:-v4 v3}; do
    cmake -S . -B "build-dev-$level" -DCMAKE_BUILD_TYPE=Release -DNETSIM_NATIVE=OFF \
      -DCMAKE_CXX_FLAGS="-march=x86-64-$level" -DNETSIM_BUILD_TESTS=OFF -DNETSIM_WITH_MPI=OFF \
      -DNETSIM_INSTALL=OFF >/dev/null
    cmake --build "build-dev-$level" --target lmu_bench -j"$(nproc)" >/dev/null
    mkdir -p "$carry/$level" && cp "build-dev-$level/bench/lmu_bench" "$carry/$level/"
  done
  # Everything lmu_bench links beyond the C and C++ runtimes, which the host has (newer).
  ldd "$carry/$level/lmu_bench" | awk '/=> \// {print $3}' |
    grep -v -E '/(libc|libm|libstdc\+\+|libgcc_s|ld-linux[^/]*)\.so' | xargs -r cp -L -t "$carry/lib"
  cp "$peers"/torch_lmu_device.py "$peers"/torch_lmu_psmnist.py "$peers"/mnist_idx.py "$carry/peers/"
  du -sh "$carry"
}

run() {
  local out=${OUT:-.} flags bin level python=${PYTHON:-python3}
  local log=$out/scaling.jsonl
  : >"$log"
  flags=" $(grep -m1 '^flags' /proc/cpuinfo) "
  level=v3
  if [[ $flags == *" avx512f "* && $flags == *" avx512bw "* && $flags == *" avx512vl "* && $flags == *" avx512dq "* &&
        $flags == *" avx512cd "* ]]; then level=v4; fi
  bin=$carry/$level/lmu_bench
  [[ -x $bin ]] || { echo "device_scaling.sh: no $level build in $carry (prepare with LEVELS including $level)" >&2; exit 1; }
  export LD_LIBRARY_PATH=$PWD/$carry/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  local cpu
  cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
  echo "host: $cpu; $(nproc) logical CPUs; $(lscpu 2>/dev/null | grep -E '^(Thread|Core|Socket)' | tr -s ' ' | paste -sd';')"
  echo "netsim build: $level"
  lscpu >"$out/lscpu.txt" 2>&1 || true
  record() {  # record NAME EXTRA_JSON OUTPUT: the run's JSON line with NAME and EXTRA_JSON in front
    if [[ $3 == \{* ]]; then
      echo "{\"run\": \"$1\", $2, ${3#\{}" | tee -a "$log"
    else
      echo "$1 ($2): failed, no JSON line" >&2
    fi
  }
  for t in $threads; do
    record netsim "\"threads\": $t, \"minibatch\": 100" "$("$bin" --batches "$batches" --threads "$t" --json)"
  done
  local most=${threads##* }
  record netsim_rewrites_off "\"threads\": $most, \"minibatch\": 100" \
    "$("$bin" --batches "$batches" --threads "$most" --rewrites off --json)"
  record netsim_without_blocked_weight_gradients "\"threads\": $most, \"minibatch\": 100" \
    "$("$bin" --batches "$batches" --threads "$most" --without blocked_weight_gradients --json)"
  # The automatic cut is tasks of at least 8 rows (13 tasks of minibatch 100); one finer cut beside it.
  record netsim_rows_per_task_7 "\"threads\": $most, \"minibatch\": 100" \
    "$("$bin" --batches "$batches" --threads "$most" --rows-per-task 7 --json)"
  for t in 1 2; do
    record netsim_minibatch16 "\"threads\": $t, \"minibatch\": 16" \
      "$("$bin" --batches "$batches" --threads "$t" --minibatch 16 --json)"
  done
  for t in $threads; do
    record torch_fold "\"threads\": $t, \"minibatch\": 100" \
      "$("$python" "$carry/peers/torch_lmu_device.py" --device cpu --threads "$t" --variant fold --warmup 2 \
           --iters "$batches" | tail -1)"
  done
  "$python" - "$log" "$cpu" "$level" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print(f"\nseed LMU, training s per batch of 100 (median), {sys.argv[2]}, netsim build {sys.argv[3]}")
ns = {r["threads"]: r for r in rows if r["run"] == "netsim"}
pt = {r["threads"]: r for r in rows if r["run"] == "torch_fold"}
one = ns.get(1, {}).get("train_s_per_batch_median")
print("threads | netsim s | speed-up | efficiency | seq/s inference | sequential GFLOP/s | PyTorch fold s | netsim vs fold")
for t in sorted(ns):
    n = ns[t]["train_s_per_batch_median"]
    p = pt.get(t, {}).get("train_s_per_batch_median")
    up = one / n if one else float("nan")
    print(f"{t:7d} | {n:.4f} | {up:.2f}x | {100 * up / t:.0f}% | {ns[t]['infer_sequences_per_s']:.0f} | "
          f"{ns[t]['sequential_gflops']:.1f} | {p if p else float('nan'):.4f} | {(p / n) if p else float('nan'):.2f}x")
for r in rows:
    if r["run"] not in ("netsim", "torch_fold"):
        print(f"{r['run']}, {r['threads']} thread(s): {r['train_s_per_batch_median']:.4f} s per batch")
PY
}

case ${1:-} in
  prepare) shift; prepare "$@" ;;
  run) run ;;
  *) echo "usage: bash bench/device_scaling.sh prepare [PEERS_DIR] | run" >&2; exit 2 ;;
esac
