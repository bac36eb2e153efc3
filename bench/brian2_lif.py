#!/usr/bin/env python3
"""Brian2's side of bench/spiking_vs_peers.sh: N LIF neurons with Nengo's defaults
(tau_rc 20 ms, tau_ref 2 ms, threshold 1, reset 0), constant currents uniform in [0.5, 3),
initial voltages uniform in [0, 1), STEPS steps of 1 ms, exact integration, the cython
target on one thread, nothing recorded (the voltages read at the end). Prints one JSON
line: the seconds of the best of two runs after a first run that compiles.

Usage: python3 bench/brian2_lif.py [N] [STEPS]   (Debian's python3-brian)
"""
import json
import sys
import time

import numpy as np
import brian2 as b2

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
b2.prefs.codegen.target = "cython"
b2.defaultclock.dt = 1 * b2.ms
rng = np.random.RandomState(0)
group = b2.NeuronGroup(n, "dv/dt = (J - v) / (20*ms) : 1 (unless refractory)\nJ : 1",
                       threshold="v > 1", reset="v = 0", refractory=2 * b2.ms, method="exact")
group.J = rng.uniform(0.5, 3.0, n)
net = b2.Network(group)
group.v = rng.uniform(0.0, 1.0, n)
net.run(steps * b2.ms)  # compiles
times = []
for _ in range(2):
    group.v = rng.uniform(0.0, 1.0, n)
    start = time.perf_counter()
    net.run(steps * b2.ms)
    times.append(time.perf_counter() - start)
print(json.dumps({"peer": "brian2 %s cython" % b2.__version__, "neurons": n, "steps": steps,
                  "seconds": min(times), "mean_voltage": float(np.mean(group.v[:]))}))
