#!/usr/bin/env bash
# Spiking simulation speed, netsim against its CPU peers, one after the other on this
# machine (compare only figures of one run; docs/performance.md):
#   1. LIF: N LIF neurons (Nengo's defaults), constant currents uniform in [0.5, 3),
#      10,000 steps of 1 ms, nothing recorded but the last step; netsim `run` (its stepping
#      time) against Brian2 (bench/brian2_lif.py: cython target, exact integration, one
#      thread), for N = 10,000 and, with --large, 100,000 and 1,000,000;
#   2. chain: 10 ensembles of 1,000 LIF neurons passing a 1 Hz sine along decoded identity
#      connections (lowpass 5 ms), 10 s at 1 ms; netsim `run` against Nengo 4.1's reference
#      simulator (bench/nengo_chain.py; sim.run only), when NENGO_SRC names a folder holding
#      Nengo's source (the fetch verb: github:nengo/nengo, tag v4.1.0).
# Best of two for each. netsim runs on THREADS threads (default 1).
#
#   bash bench/spiking_vs_peers.sh [--large]
#   NENGO_SRC=/tmp/nengo41 THREADS=2 bash bench/spiking_vs_peers.sh
# Needs a build (scripts/setup.sh; BUILD_DIR, default build) and Debian's python3-brian.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
netsim=${BUILD_DIR:-build}/apps/netsim/netsim
threads=${THREADS:-1}
sizes=(10000)
[[ ${1:-} == --large ]] && sizes+=(100000 1000000)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[[ -x $netsim ]] || { echo "spiking_vs_peers.sh: error: no $netsim; build first (bash scripts/setup.sh)" >&2; exit 2; }

/usr/bin/python3 - "$tmp" "${sizes[@]}" <<'PY'
import sys
import numpy as np
tmp = sys.argv[1]
for n in map(int, sys.argv[2:]):
    currents = np.random.RandomState(0).uniform(0.5, 3.0, n)
    with open("%s/lif_%d.yaml" % (tmp, n), "w") as f:
        f.write("netsim: 1\nname: lif_%d\nseed: 1\ndt: 0.001\nnodes:\n" % n)
        f.write("  j: {constant: [%s]}\n" % ", ".join("%.6f" % c for c in currents))
        f.write("  h: {size: %d, neurons: lif}\nconnections:\n  - {from: j, to: h}\n" % n)
        f.write("probes:\n  p: {target: h, attr: voltage, synapse: none, keep_history: false}\nrun: {steps: 10000}\n")
t = np.arange(1, 10001) * 0.001
with open("%s/chain.yaml" % tmp, "w") as f:
    f.write("netsim: 1\nname: chain\nseed: 1\ndt: 0.001\nnodes:\n")
    f.write("  u: {sequence: [%s]}\n" % ", ".join("[%.9f]" % v for v in np.sin(2 * np.pi * t)))
    for i in range(10):
        f.write("  e%d: {ensemble: {n_neurons: 1000, dimensions: 1, seed: %d}}\n" % (i, i))
    f.write("connections:\n  - {from: u, to: e0, synapse: none}\n")
    for i in range(9):
        f.write("  - {from: e%d, to: e%d, synapse: {lowpass: 0.005}}\n" % (i, i + 1))
    f.write("probes:\n  p: {target: e9, synapse: {lowpass: 0.01}}\nrun: {steps: 10000}\n")
PY

# netsim's stepping seconds ("ran ... in S s"), best of two.
netsim_seconds() {
  local best=""
  for _ in 1 2; do
    rm -rf "$tmp/out"
    local s
    s=$("$netsim" run "$1" --out "$tmp/out" --threads "$threads" | sed -n 's/.* in \([0-9.e+-]*\) s;.*/\1/p')
    best=$(/usr/bin/python3 -c "print(min(x for x in [$s, ${best:-$s}]))")
  done
  echo "$best"
}
field() { /usr/bin/python3 -c "import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1])['$1'])"; }

for n in "${sizes[@]}"; do
  ours=$(netsim_seconds "$tmp/lif_$n.yaml")
  theirs=$(/usr/bin/python3 bench/brian2_lif.py "$n" 10000 2>/dev/null | field seconds)
  /usr/bin/python3 -c "n=$n; a=$ours; b=$theirs; print('LIF %d neurons x 10000 steps: netsim %.3f s (%.2e neuron-steps/s, %d thread(s)), Brian2 %.3f s: netsim %.2fx Brian2' % (n, a, n * 1e4 / a, $threads, b, b / a))"
done
ours=$(netsim_seconds "$tmp/chain.yaml")
if [[ -n ${NENGO_SRC:-} ]]; then
  theirs=$(PYTHONPATH=$NENGO_SRC /usr/bin/python3 bench/nengo_chain.py 10 1000 2>/dev/null | field seconds)
  /usr/bin/python3 -c "a=$ours; b=$theirs; print('chain of 10 x 1000 LIF, 10 s: netsim %.3f s, Nengo %.3f s: netsim %.2fx Nengo' % (a, b, b / a))"
else
  echo "chain of 10 x 1000 LIF, 10 s: netsim $ours s (NENGO_SRC unset: Nengo not run)"
fi
