#!/usr/bin/env python3
"""Records the adaptive neuron goldens (tests/data/golden_neurons/n_adaptivelif.json and
n_adaptivelifrate.json) from the Nengo 4.1 reference simulator, in the layout of the other
neuron goldens; scripts/golden_neurons_to_yaml.py then writes their network files.

Each case: a 2-D sequence input into one ensemble of 6 neurons (gains, biases, encoders and,
for the spiking type, initial voltages given, so nothing depends on Nengo's random draws),
non-default tau_n and inc_n so that adaptation visibly lowers the rates within the run,
a decoded output with given decoders through a 5 ms lowpass, and probes on the neurons'
output, the decoded value and (spiking type) the voltage.

Usage (Nengo's source from the fetch verb, `github:nengo/nengo`, tag v4.1.0):
  git -C NENGO_REPO archive v4.1.0 nengo | tar -x -C /tmp/nengo41
  PYTHONPATH=/tmp/nengo41 /usr/bin/python3 scripts/make_adaptive_neuron_goldens.py
Needs Debian's python3-numpy. Nengo's code is run, not copied.
"""
import json
import pathlib

import numpy as np
import nengo

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "golden_neurons"

DT = 0.001
STEPS = 500
PARAMS = {"tau_n": 0.1, "inc_n": 0.02, "tau_rc": 0.02, "tau_ref": 0.002}


def inputs():
    t = np.arange(1, STEPS + 1) * DT
    return np.stack([0.8 * np.sin(2 * np.pi * 3 * t), 0.6 * np.cos(2 * np.pi * 5 * t) + 0.2], axis=1)


def record(case, nengo_type, type_name):
    rng = np.random.RandomState(41)
    n = 6
    encoders = rng.normal(size=(n, 2))
    encoders /= np.linalg.norm(encoders, axis=1, keepdims=True)
    gain = np.round(rng.uniform(1.0, 3.0, size=n), 4)
    bias = np.round(rng.uniform(0.5, 2.5, size=n), 4)
    decoders = np.round(rng.normal(scale=0.003, size=(n, 2)), 6)
    transform_out = np.array([[1.0, -1.0]])
    initial_voltage = np.round(np.linspace(0.1, 0.9, n), 4)
    values = inputs()
    spiking = nengo_type.spiking

    with nengo.Network(seed=0) as net:
        u = nengo.Node(nengo.processes.PresentInput(values, presentation_time=DT))
        kwargs = dict(PARAMS)
        if spiking:
            kwargs["initial_state"] = {"voltage": initial_voltage}
        a = nengo.Ensemble(n, 2, neuron_type=nengo_type(**kwargs), encoders=encoders, gain=gain, bias=bias)
        y = nengo.Node(size_in=1)
        nengo.Connection(u, a, synapse=None)
        # The decoded connection as a neurons connection with the decoders folded into the
        # transform: the same sum the netsim file's `decoders:` gives.
        nengo.Connection(a.neurons, y, transform=transform_out @ decoders.T, synapse=nengo.Lowpass(0.005))
        probes = {"p_out": nengo.Probe(a.neurons, "output", synapse=None), "p_y": nengo.Probe(y, synapse=None)}
        if spiking:
            probes["p_v"] = nengo.Probe(a.neurons, "voltage", synapse=None)
    with nengo.Simulator(net, dt=DT, progress_bar=False, optimize=False) as sim:
        sim.run_steps(STEPS)

    neuron_type = {"type": type_name, "params": PARAMS}
    if spiking:
        neuron_type["initial_voltage"] = initial_voltage.tolist()
    probe_list = [{"name": "p_out", "target": "a.neurons", "attr": "output", "synapse": None},
                  {"name": "p_y", "target": "y", "synapse": None}]
    if spiking:
        probe_list.append({"name": "p_v", "target": "a.neurons", "attr": "voltage", "synapse": None})
    doc = {
        "case": case,
        "conventions": "Steps k=1..N; probe row k-1 is the value at the end of step k. Sequence node outputs "
                       "values[k-1] at step k. J = bias + gain/radius*(encoders.x) - adaptation. Spiking outputs "
                       "amplitude/dt on spike steps.",
        "dt": DT,
        "n_steps": STEPS,
        "nengo_version": nengo.__version__,
        "numpy_version": np.__version__,
        "network": {
            "nodes": [{"name": "u", "kind": "sequence", "values": values.tolist()},
                      {"name": "y", "kind": "passthrough", "size": 1}],
            "ensembles": [{"name": "a", "n_neurons": n, "dimensions": 2, "neuron_type": neuron_type,
                           "encoders": encoders.tolist(), "gain": gain.tolist(), "bias": bias.tolist()}],
            "connections": [
                {"pre": "u", "post": "a", "transform": np.eye(2).tolist(), "synapse": None},
                {"pre": "a", "post": "y", "transform": transform_out.tolist(), "decoders": decoders.tolist(),
                 "synapse": {"type": "Lowpass", "tau": 0.005}},
            ],
            "probes": probe_list,
        },
        "probe_data": {name: sim.data[p].tolist() for name, p in probes.items()},
        "probe_times": sim.trange().tolist(),
    }
    (OUT / (case + ".json")).write_text(json.dumps(doc))
    out = sim.data[probes["p_out"]]
    print("%s: %d nonzero outputs; mean output first 100 steps %.2f, last 100 steps %.2f"
          % (case, np.count_nonzero(out), out[:100].mean(), out[-100:].mean()))


def main():
    record("n_adaptivelif", nengo.AdaptiveLIF, "AdaptiveLIF")
    record("n_adaptivelifrate", nengo.AdaptiveLIFRate, "AdaptiveLIFRate")


if __name__ == "__main__":
    main()
