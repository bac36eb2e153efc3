#!/usr/bin/env bash
# Runs the builder's differential tests (tests/builder/random_network_test.cpp) on any
# number of generated networks: rewrites on, off and each alone; 1 and 2 threads; unroll 1
# and 7; one run and two pieces; a run after a reset against a fresh simulator; known-ahead
# nodes against their ancestors.
#
#   bash scripts/random_networks.sh [COUNT] [FIRST_SEED] [OUT_DIR]
#
# COUNT defaults to 10000, FIRST_SEED to 0, OUT_DIR (where the first failing network is
# written as YAML with its input data, for `netsim run`) to ./random_networks.out.
# Needs a build (bash scripts/setup.sh); BUILD_DIR as there (default: build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
count=${1:-10000}
first=${2:-0}
out=${3:-random_networks.out}
tests="${BUILD_DIR:-build}/tests/netsim_tests"
if [[ ! -x $tests ]]; then
  echo "random_networks.sh: error: $tests not found; build first: bash scripts/setup.sh" >&2
  exit 2
fi
[[ $count =~ ^[0-9]+$ && $first =~ ^[0-9]+$ ]] || { echo "random_networks.sh: error: COUNT and FIRST_SEED must be non-negative integers" >&2; exit 2; }
mkdir -p "$out"
NETSIM_RANDOM_NETWORKS=$count NETSIM_RANDOM_SEED=$first NETSIM_RANDOM_OUT=$(cd "$out" && pwd) \
  "$tests" -tc="random networks*"
