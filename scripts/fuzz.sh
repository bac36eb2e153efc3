#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer, with AddressSanitizer + UndefinedBehaviorSanitizer)
# of every reader that takes outside bytes: the network file loader, .npy, .npz, IDX (raw
# and gzip) and the command line of every netsim subcommand (tests/fuzz/).
#
#   bash scripts/fuzz.sh --seconds 30           each target for 30 s (what CI does)
#   bash scripts/fuzz.sh --runs 1000000         each target for a million executions
#   bash scripts/fuzz.sh --seconds 600 npy npz  only these targets
#
# Builds the targets with clang in build-fuzz/ (installing clang and libclang-rt-14-dev
# when missing), makes each target's seed corpus from tests/data, examples/ and
# tests/fuzz/seeds, and keeps what it learns in build-fuzz/corpus/TARGET between runs.
# Prints per target: executions, coverage (edges), corpus size and findings; a finding's
# input lands in build-fuzz/findings/ (reproduce: build-fuzz/tests/fuzz/TARGET_fuzzer
# FILE) and the script exits 1 (until the file is removed). Turn each finding into a file
# in tests/data/bad or a test.
#
# Environment: FUZZ_BUILD_DIR (default: build-fuzz), JOBS (default: number of cores).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dir=$(realpath -m "${FUZZ_BUILD_DIR:-build-fuzz}")  # absolute: the command-line target changes folder
JOBS=${JOBS:-$(nproc)}
limit=(-max_total_time=30)
targets=()
while (($#)); do
  case "$1" in
    --seconds) limit=(-max_total_time="$2"); shift 2 ;;
    --runs) limit=(-runs="$2"); shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    npy|npz|idx|network_file|command_line) targets+=("$1"); shift ;;
    *) echo "fuzz.sh: error: unknown argument '$1' (expected --seconds S, --runs N or a target: npy npz idx network_file command_line)" >&2; exit 2 ;;
  esac
done
((${#targets[@]})) || targets=(npy npz idx network_file command_line)

bash scripts/install_packages.sh clang libclang-rt-14-dev
# -O1 with line tables only: what libFuzzer's documentation suggests, and a much quicker
# build of the Eigen-heavy layers than -O2 -g.
cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" -DNETSIM_BUILD_FUZZERS=ON \
      -DNETSIM_BUILD_TESTS=OFF -DNETSIM_BUILD_EXAMPLES=OFF -DNETSIM_INSTALL=OFF -DNETSIM_WITH_MPI=OFF -DNETSIM_WITH_ONEDNN=OFF >/dev/null
cmake --build "$dir" -j "$JOBS" --target $(printf '%s_fuzzer ' "${targets[@]}") >/dev/null

# Seed corpora, from the files the tests and examples already hold.
python=$(command -v /usr/bin/python3 || command -v python3)
seeds="$dir/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{npy,npz,idx,network_file,command_line} "$dir/findings"
find tests/data examples -name '*.npy' -size -200k -exec cp {} "$seeds/npy/" \;
find tests/data examples -name '*.npz' -size -200k -exec cp {} "$seeds/npz/" \;
cp tests/data/golden_yaml/*.yaml tests/data/bad/*.yaml examples/*.yaml "$seeds/network_file/"
# Not the full-size psMNIST LMUs (order 256, theta 784): building their memory matrices
# takes 1-15 s an input under the sanitizers, and golden j is the same topology in miniature.
rm -f "$seeds"/network_file/psmnist_*lmu*.yaml
cp tests/fuzz/seeds/command_line/* "$seeds/command_line/"
"$python" - "$seeds/idx" <<'PY'
import gzip, struct, sys
out = sys.argv[1]
def idx(code, shape, payload):
    return struct.pack(">BBBB", 0, 0, code, len(shape)) + b"".join(struct.pack(">I", d) for d in shape) + payload
files = {
    "images-idx3-ubyte": idx(0x08, (2, 3, 3), bytes(range(18))),
    "labels-idx1-ubyte": idx(0x08, (4,), bytes([7, 2, 1, 0])),
    "floats-idx2": idx(0x0D, (2, 2), struct.pack(">4f", 0.5, -1, 2, 3)),
    "shorts-idx1": idx(0x0B, (3,), struct.pack(">3h", -2, 0, 300)),
}
for name, data in files.items():
    open(f"{out}/{name}", "wb").write(data)
    open(f"{out}/{name}.gz", "wb").write(gzip.compress(data))
PY
# The network file target's dictionary: every key the YAML readers know, taken from
# their sources (one place), plus YAML's punctuation.
dict="$dir/network_file.dict"
{
  grep -ohE '"[a-z][a-z0-9_]*"' apps/config/src/*.cpp core/include/netsim/core/node_kinds/*.h core/include/netsim/core/neurons/*.h | sort -u
  printf '"%s"\n' ': ' '{' '}' '[' ']' ', ' '- ' 'netsim: 1' '.npy' '.npz' 'u.npy' 'weights.npz' '~' '1e9' '-1' 'nan'
  echo '"\x0A  "'
} > "$dict"

# Big allocations are refused (OutOfMemoryError, a clear error) above this, so that a
# short input cannot ask for gigabytes or for minutes of work within the 10-s limit: 16
# MiB keeps decoder solves to about 1,000 neurons (their n^2 Gram matrix and 2n x n rates).
export NETSIM_MEMORY_LIMIT=${NETSIM_MEMORY_LIMIT:-16M}
# The reader targets write each input to a file: in memory where the machine allows.
[[ -z ${TMPDIR:-} && -w /dev/shm ]] && export TMPDIR=/dev/shm
status=0
printf '%-14s %12s %8s %8s %9s  %s\n' target executions edges corpus seconds findings
for t in "${targets[@]}"; do
  corpus="$dir/corpus/$t"
  mkdir -p "$corpus"
  extra=()
  [[ $t == network_file ]] && extra+=(-dict="$dict")
  log="$dir/findings/$t.log"
  start=$(date +%s)
  set +e
  "$dir/tests/fuzz/${t}_fuzzer" "${limit[@]}" "${extra[@]}" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -close_fd_mask=1 -print_final_stats=1 -artifact_prefix="$dir/findings/$t-" "$corpus" "$seeds/$t" >"$log" 2>&1
  rc=$?
  set -e
  seconds=$(($(date +%s) - start))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  edges=$(grep -aoE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  size=$(find "$corpus" -type f | wc -l)
  found=$(find "$dir/findings" -maxdepth 1 -name "$t-*" | wc -l)
  printf '%-14s %12s %8s %8s %9s  %s\n' "$t" "${runs:-?}" "${edges:-?}" "$size" "$seconds" \
    "$( ((rc == 0 && found == 0)) && echo none || echo "$found file(s), exit $rc: see $log")"
  ((rc == 0 && found == 0)) || status=1
done
exit $status
