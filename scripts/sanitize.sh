#!/usr/bin/env bash
# Builds the whole test suite once more with AddressSanitizer (leaks included) and
# UndefinedBehaviorSanitizer, any finding fatal, every new simulator buffer NaN-filled, and
# runs it (CI runs this after the README's test command). Needs what scripts/setup.sh
# installs; run that first.
#
#   bash scripts/sanitize.sh          build in build-sanitize/ and run every test
#
# Environment: SANITIZE_BUILD_DIR (default: build-sanitize), JOBS (default: number of cores).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dir=${SANITIZE_BUILD_DIR:-build-sanitize}
JOBS=${JOBS:-$(nproc)}
# NETSIM_SANITIZE (CMakeLists.txt): -fsanitize=address,undefined -fno-sanitize-recover=all.
# Without MPI: Open MPI's own allocations would read as leaks (docs/hardening.md).
# Without oneDNN: its JIT kernels and OpenMP threads are not instrumented; the im2col path is.
# NETSIM_POISON_FRESH_MEMORY: every buffer the simulator allocates starts as NaN, so a read
# of a value nobody wrote fails the tests (the 500 random networks included).
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNETSIM_BUILD_EXAMPLES=OFF -DNETSIM_SANITIZE=ON \
      -DNETSIM_POISON_FRESH_MEMORY=ON -DNETSIM_WITH_MPI=OFF -DNETSIM_WITH_ONEDNN=OFF >/dev/null
cmake --build "$dir" -j "$JOBS"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$dir" --output-on-failure --no-tests=error -j "$JOBS"
