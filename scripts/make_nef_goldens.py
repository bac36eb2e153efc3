#!/usr/bin/env python3
"""Records the NEF goldens (tests/data/golden_nef/*.json) from the Nengo 4.1 reference
simulator: Nengo's networks as it builds them (networks.json: ensembles, filtered
connections, the circular convolution's transforms), and decoded functions and solvers with everything random given (gains, biases,
encoders, evaluation points, initial voltages), so that the decoders are determined and
netsim's must equal Nengo's; tests/apps/golden_nef_test.cpp reads them.

Each case: one ensemble `a` (and for weight solvers a second, `b`), a function of a's value
written twice (`netsim`: the network file's expression; `python`: the same for Nengo), a
solver, and Nengo's resulting connection weights (`weights`: post x n for a decoded
connection into a node, post neurons x pre neurons for weights: true, post gains included,
as Nengo forms them). Cases with `run` also record a 300-step simulation of a sine input
through the connection (lif_rate neurons, lowpass 5 ms), probed each step.

Usage (Nengo's source from the fetch verb, `github:nengo/nengo`, tag v4.1.0):
  git -C NENGO_REPO archive v4.1.0 nengo | tar -x -C /tmp/nengo41
  PYTHONPATH=/tmp/nengo41 /usr/bin/python3 scripts/make_nef_goldens.py
Needs Debian's python3-numpy and python3-scipy (Nengo's Cholesky and NNLS use scipy).
Nengo's code is run, not copied.
"""
import json
import pathlib

import numpy as np
import nengo

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "golden_nef"
DT = 0.001
STEPS = 300


def tuning(rng, n, d):
    encoders = rng.normal(size=(n, d))
    encoders /= np.linalg.norm(encoders, axis=1, keepdims=True)
    max_rates = rng.uniform(200, 400, size=n)
    intercepts = rng.uniform(-0.9, 0.8, size=n)
    gain, bias = nengo.LIFRate().gain_bias(max_rates, intercepts)
    return encoders, np.round(gain, 6), np.round(bias, 6)


SOLVERS = {
    "lstsq_l2": (lambda w: nengo.solvers.LstsqL2(weights=w), "lstsq_l2"),
    "lstsq_l2_reg": (lambda w: nengo.solvers.LstsqL2(weights=w, reg=0.02), "{lstsq_l2: {reg: 0.02}}"),
    "lstsq_l2nz": (lambda w: nengo.solvers.LstsqL2nz(weights=w, reg=0.05), "{lstsq_l2nz: {reg: 0.05}}"),
    "lstsq": (lambda w: nengo.solvers.Lstsq(weights=w, rcond=0.01), "{lstsq: {rcond: 0.01}}"),
    "nnls": (lambda w: nengo.solvers.Nnls(weights=w), "nnls"),
    "nnls_l2": (lambda w: nengo.solvers.NnlsL2(weights=w, reg=0.1), "nnls_l2"),
    "nnls_l2nz": (lambda w: nengo.solvers.NnlsL2nz(weights=w, reg=0.1), "nnls_l2nz"),
}


def case(name, *, n, d, radius, function, python, solver, n_points, transform=None, weights=False, run=False,
         out_size=None, seed=0):
    rng = np.random.RandomState(seed)
    encoders, gain, bias = tuning(rng, n, d)
    # Given points, in units of the radius (Nengo multiplies them by it).
    points = rng.uniform(-1, 1, size=(n_points, d))
    points = np.round(points / np.maximum(1, np.linalg.norm(points, axis=1, keepdims=True)), 6)
    f = eval(python)
    k = np.atleast_1d(f(points[0] * radius)).size
    post_d = out_size if out_size is not None else (transform.shape[0] if transform is not None else k)
    make_solver, solver_yaml = SOLVERS[solver]
    doc = {"case": name, "nengo_version": nengo.__version__, "dt": DT,
           "a": {"n_neurons": n, "dimensions": d, "radius": radius, "encoders": encoders.tolist(), "gain": gain.tolist(),
                 "bias": bias.tolist(), "eval_points": points.tolist()},
           "function": function, "solver": solver_yaml, "weights_solver": weights}
    if transform is not None:
        doc["transform"] = transform.tolist()
    neuron_type = nengo.LIFRate()
    with nengo.Network(seed=1) as net:
        u = nengo.Node(lambda t: 0.9 * np.sin(2 * np.pi * 4 * t) * np.ones(d) * np.linspace(1, 0.5, d))
        a = nengo.Ensemble(n, d, radius=radius, encoders=encoders, gain=gain, bias=bias, eval_points=points,
                           neuron_type=neuron_type)
        nengo.Connection(u, a, synapse=None, transform=radius)
        kwargs = dict(function=f, solver=make_solver(weights), synapse=nengo.Lowpass(0.005))
        if transform is not None:
            kwargs["transform"] = transform
        if weights:
            enc_b, gain_b, bias_b = tuning(rng, n + 5, post_d)
            b = nengo.Ensemble(n + 5, post_d, encoders=enc_b, gain=gain_b, bias=bias_b, neuron_type=neuron_type)
            doc["b"] = {"n_neurons": n + 5, "dimensions": post_d, "radius": 1.0, "encoders": enc_b.tolist(),
                        "gain": gain_b.tolist(), "bias": bias_b.tolist()}
            conn = nengo.Connection(a, b, **kwargs)
            p = nengo.Probe(b.neurons, synapse=None)
        else:
            y = nengo.Node(size_in=post_d)
            conn = nengo.Connection(a, y, **kwargs)
            p = nengo.Probe(y, synapse=None)
    with nengo.Simulator(net, dt=DT, progress_bar=False, optimize=False) as sim:
        if run:
            sim.run_steps(STEPS)
    doc["weights"] = np.asarray(sim.data[conn].weights).tolist()
    if run:
        doc["run"] = {"steps": STEPS, "input": "0.9 sin(2 pi 4 t) times linspace(1, 0.5, d), times the radius",
                      "probe": "b.neurons" if weights else "y", "values": sim.data[p].tolist()}
    (OUT / f"{name}.json").write_text(json.dumps(doc))
    print(name, np.asarray(doc["weights"]).shape)


NETWORKS = {  # netsim's networks: entry -> the same network in Nengo 4.1
    "ensemble_array": ({"kind": "ensemble_array", "n_neurons": 20, "n_ensembles": 3, "ens_dimensions": 2},
                       lambda: nengo.networks.EnsembleArray(20, 3, ens_dimensions=2)),
    "product": ({"kind": "product", "n_neurons": 30, "dimensions": 3, "input_magnitude": 2.0},
                lambda: nengo.networks.Product(30, 3, input_magnitude=2.0)),
    "circular_convolution": ({"kind": "circular_convolution", "n_neurons": 20, "dimensions": 5, "invert_b": True},
                             lambda: nengo.networks.CircularConvolution(20, 5, invert_b=True)),
    "input_gated_memory": ({"kind": "input_gated_memory", "n_neurons": 20, "dimensions": 2, "difference_synapse": 0.05},
                           lambda: nengo.networks.InputGatedMemory(20, 2, difference_synapse=0.05)),
    "basal_ganglia": ({"kind": "basal_ganglia", "dimensions": 3, "n_neurons_per_ensemble": 20},
                      lambda: nengo.networks.BasalGanglia(3, 20)),
    "thalamus": ({"kind": "thalamus", "dimensions": 3, "n_neurons_per_ensemble": 20, "threshold": 0.1},
                 lambda: nengo.networks.Thalamus(3, 20, threshold=0.1)),
}


def network_structure():
    """Each network's ensembles (neurons, dimensions, radius) and the time constants of its
    filtered connections, as Nengo 4.1 builds it; and Nengo's circular convolution transforms."""
    from nengo.networks import circularconvolution as cc
    doc = {"nengo_version": nengo.__version__, "networks": {}, "circular_convolution": []}
    for name, (entry, make) in NETWORKS.items():
        with nengo.Network(seed=0):
            net = make()
        ensembles = sorted([e.n_neurons, e.dimensions, float(e.radius)] for e in net.all_ensembles)
        taus = sorted(float(c.synapse.tau) for c in net.all_connections if c.synapse is not None)
        doc["networks"][name] = {"entry": entry, "ensembles": ensembles, "synapse_taus": taus}
    for d in (1, 2, 4, 5, 8):
        for invert in (False, True):
            doc["circular_convolution"].append({
                "dimensions": d, "invert": invert,
                "in_a": cc.transform_in(d, "A", invert).tolist(), "in_b": cc.transform_in(d, "B", invert).tolist(),
                "out": cc.transform_out(d).tolist()})
    (OUT / "networks.json").write_text(json.dumps(doc))
    print("networks", list(doc["networks"]))


def nearest_neighbour_statistics(points):
    distance = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=2)
    np.fill_diagonal(distance, np.inf)
    nearest = distance.min(axis=1)
    return float(nearest.mean()), float(nearest.min())


def random_statistics():
    """Statistics of Nengo's random distributions and processes over seeds 0-39: netsim draws
    from its own stream, so tests compare statistics (tests/apps/golden_nef_test.cpp)."""
    doc = {"nengo_version": nengo.__version__, "seeds": 40, "scattered": [], "white_signal": []}
    for d in (2, 3, 5):
        for surface in (True, False):
            stats = [nearest_neighbour_statistics(nengo.dists.ScatteredHypersphere(surface=surface).sample(
                200, d, rng=np.random.RandomState(s))) for s in range(40)]
            uniform = [nearest_neighbour_statistics(nengo.dists.UniformHypersphere(surface=surface).sample(
                200, d, rng=np.random.RandomState(s))) for s in range(40)]
            doc["scattered"].append({"d": d, "surface": surface, "n": 200,
                                     "mean_nearest": float(np.mean([a for a, _ in stats])),
                                     "mean_min_nearest": float(np.mean([b for _, b in stats])),
                                     "uniform_mean_min_nearest": float(np.mean([b for _, b in uniform]))})
    for period, high, rms in ((1.0, 5.0, 0.5), (1.0, 10.0, 0.5), (2.0, 5.0, 0.3)):
        values = [nengo.processes.WhiteSignal(period, high, rms=rms, seed=s).run_steps(int(period / 0.001), dt=0.001)[:, 0]
                  for s in range(40)]
        doc["white_signal"].append({"period": period, "high": high, "rms": rms, "dt": 0.001,
                                    "mean_rms": float(np.mean([np.sqrt(np.mean(v ** 2)) for v in values])),
                                    "mean_square": float(np.mean([np.mean(v ** 2) for v in values]))})
    (OUT / "statistics.json").write_text(json.dumps(doc))
    print("statistics", [(x["d"], x["surface"], round(x["mean_min_nearest"], 4)) for x in doc["scattered"]])


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    random_statistics()
    network_structure()
    case("square", n=40, d=1, radius=1.0, function="x^2", python="lambda x: x[0] ** 2", solver="lstsq_l2",
         n_points=200, run=True)
    case("product", n=60, d=2, radius=1.5, function="x0 * x1", python="lambda x: x[0] * x[1]", solver="lstsq_l2",
         n_points=300, run=True, seed=1)
    case("two_outputs_transform", n=30, d=1, radius=1.0, function="[x, x^3]", python="lambda x: [x[0], x[0] ** 3]",
         solver="lstsq_l2_reg", n_points=150, transform=np.array([[1.0, -0.5]]), seed=2)
    case("fewer_points_than_neurons", n=50, d=1, radius=1.0, function="x < 0 ? -1 : 1",
         python="lambda x: -1.0 if x[0] < 0 else 1.0", solver="lstsq_l2", n_points=30, seed=3)
    for s in ["lstsq_l2nz", "lstsq", "nnls", "nnls_l2", "nnls_l2nz"]:
        case(f"solver_{s}", n=30, d=1, radius=1.0, function="sin(pi * x)", python="lambda x: np.sin(np.pi * x[0])",
             solver=s, n_points=120, seed=4)
    case("weights_lstsq_l2", n=30, d=1, radius=1.0, function="sin(pi * x)", python="lambda x: np.sin(np.pi * x[0])",
         solver="lstsq_l2", n_points=120, weights=True, run=True, seed=5)
    # (Nengo's non-compositional solvers need a Dense transform.)
    case("weights_nnls_l2", n=30, d=1, radius=1.0, function="abs(x)", python="lambda x: abs(x[0])",
         solver="nnls_l2", n_points=120, weights=True, transform=np.array([[0.8]]), seed=6)


if __name__ == "__main__":
    main()
