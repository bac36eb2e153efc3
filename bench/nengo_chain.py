#!/usr/bin/env python3
"""Nengo's side of bench/spiking_vs_peers.sh: a chain of ENSEMBLES ensembles of NEURONS LIF
neurons (Nengo's defaults), a sine input (1 Hz) into the first, each passing its decoded
value to the next (identity, lowpass 5 ms), a probe on the last (lowpass 10 ms); 10 s at
1 ms in the reference simulator. Prints one JSON line: the seconds of sim.run, best of two
(the build is not counted), and the RMSE of the last ensemble's value against the input.

Usage: PYTHONPATH=NENGO_SOURCE python3 bench/nengo_chain.py [ENSEMBLES] [NEURONS]
(Nengo 4.1's source from the fetch verb, tag v4.1.0; Debian's numpy.)
"""
import json
import sys
import time

import numpy as np
import nengo

ensembles = int(sys.argv[1]) if len(sys.argv) > 1 else 10
neurons = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
with nengo.Network(seed=0) as net:
    u = nengo.Node(lambda t: np.sin(2 * np.pi * t))
    chain = [nengo.Ensemble(neurons, 1) for _ in range(ensembles)]
    nengo.Connection(u, chain[0], synapse=None)
    for a, b in zip(chain, chain[1:]):
        nengo.Connection(a, b, synapse=0.005)
    probe = nengo.Probe(chain[-1], synapse=0.01)
times = []
for _ in range(2):
    with nengo.Simulator(net, dt=0.001, progress_bar=False) as sim:
        start = time.perf_counter()
        sim.run(10.0)
        times.append(time.perf_counter() - start)
t = sim.trange()
rmse = float(np.sqrt(np.mean((sim.data[probe][:, 0] - np.sin(2 * np.pi * t)) ** 2)))
print(json.dumps({"peer": "nengo %s reference" % nengo.__version__, "ensembles": ensembles, "neurons": neurons,
                  "seconds": min(times), "rmse": rmse}))
