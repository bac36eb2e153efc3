#!/usr/bin/env python3
"""Runs Nengo 4.1's example notebooks as netsim examples (examples/nengo/*.yaml) and scores
netsim against Nengo 4.1 on the same model, the way the notebooks judge them: the RMSE of
the decoded output against the ideal signal.

The network file is the one description: this script builds the same model in Nengo from
it (a translator for the subset the examples use: function, process, constant and
passthrough nodes, ensembles, Nengo's networks, connections with functions, solvers,
transforms and synapses, probes). The ideal is the same model computed exactly: Nengo with
every ensemble in Direct mode (no neurons), same synapses, same probes; examples whose
ideal Direct mode cannot compute (neurons inhibited through .neurons, chaos, random
signals) score against a stated reference instead (IDEALS below).

For each example and seed 0..SEEDS-1 (the file's `seed:` and Nengo's network seed): netsim
(`netsim run`, the whole process timed) and Nengo (build + run timed, interpreter start
excluded); the table lists the mean RMSE over the seeds of each and their ratio.

Usage (Nengo's source from the fetch verb, `github:nengo/nengo`, tag v4.1.0):
  git -C NENGO_REPO archive v4.1.0 nengo | tar -x -C /tmp/nengo41
  PYTHONPATH=/tmp/nengo41 /usr/bin/python3 scripts/nengo_examples.py [--seeds 5] [--only NAME,...]
      [--netsim build/apps/netsim/netsim] [--markdown docs/examples_nengo_table.md]
Needs Debian's python3-numpy, python3-scipy and python3-yaml. Nengo's code is run, not copied.
"""
import argparse
import math
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import zipfile

import numpy as np
import yaml

import nengo

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "nengo"

# --- expressions: the network file's formulas (muParser syntax) as Python -------------

FUNCTIONS = {"sin": np.sin, "cos": np.cos, "tan": np.tan, "asin": np.arcsin, "acos": np.arccos, "atan": np.arctan,
             "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh, "exp": np.exp, "log": np.log, "log2": np.log2,
             "log10": np.log10, "sqrt": np.sqrt, "abs": abs, "sign": np.sign, "rint": np.rint, "min": min, "max": max,
             "pi": math.pi, "e": math.e}


def python_code(text):
    text = str(text)
    if "?" in text:
        raise ValueError(f"expression {text!r}: the ternary operator is not translated")
    code = text.replace("^", "**").replace("&&", " and ").replace("||", " or ")
    return compile(code, text, "eval")


def formulas(value):
    return [python_code(v) for v in (value if isinstance(value, list) else [value])]


def vector_function(value, d):
    codes = formulas(value)

    def f(x):
        x = np.atleast_1d(x)
        names = {f"x{i}": x[i] for i in range(d)}
        if d == 1:
            names["x"] = x[0]
        return np.array([float(eval(c, FUNCTIONS, names)) for c in codes])

    return f


def time_function(value):
    codes = formulas(value)
    return lambda t: np.array([float(eval(c, FUNCTIONS, {"t": t})) for c in codes])


# --- translation of a network file into a Nengo network --------------------------------

def synapse(value):
    if value is None or value == "none":
        return None
    if isinstance(value, (int, float)):
        return nengo.Lowpass(value) if value > 0 else nengo.Lowpass(0)
    if "lowpass" in value:
        return nengo.Lowpass(value["lowpass"])
    if "alpha" in value:
        return nengo.Alpha(value["alpha"])
    raise ValueError(f"synapse {value!r} not translated")


def distribution(value):
    if isinstance(value, str):
        value = {value: {}}
    (name, p), = value.items()
    if name == "uniform":
        return nengo.dists.Uniform(*p)
    if name == "gaussian":
        return nengo.dists.Gaussian(*p)
    if name == "choice":
        return nengo.dists.Choice(p)
    if name == "uniform_hypersphere":
        return nengo.dists.UniformHypersphere(surface=(p or {}).get("surface", False))
    if name == "scattered_hypersphere":
        return nengo.dists.ScatteredHypersphere(surface=(p or {}).get("surface", False))
    raise ValueError(name)


def process(value, size):
    (name, p), = (value if isinstance(value, dict) else {value: {}}).items()
    p = p or {}
    if name == "white_signal":
        return nengo.processes.WhiteSignal(p["period"], p["high"], rms=p.get("rms", 0.5), y0=p.get("y0")), size
    if name == "white_noise":
        dist = distribution(p["dist"]) if "dist" in p else nengo.dists.Gaussian(0, 1)
        return nengo.processes.WhiteNoise(dist=dist, scale=p.get("scale", True)), size
    if name == "piecewise":
        data = {float(k): np.atleast_1d(np.asarray(v, dtype=float)) for k, v in p.items()}
        return nengo.processes.Piecewise(data), len(next(iter(data.values())))
    if name == "present_input":
        inputs = np.atleast_2d(np.asarray(p["values"], dtype=float))
        if inputs.shape[0] == 1 and not isinstance(p["values"][0], list):
            inputs = inputs.T
        return nengo.processes.PresentInput(inputs, p["presentation_time"]), inputs.shape[1]
    raise ValueError(name)


NEURONS = {"lif": nengo.LIF, "lif_rate": nengo.LIFRate, "rectified_linear": nengo.RectifiedLinear,
           "spiking_rectified_linear": nengo.SpikingRectifiedLinear, "sigmoid": nengo.Sigmoid, "tanh": nengo.Tanh}


def ensemble_kwargs(spec, direct):
    kw = {}
    if "radius" in spec:
        kw["radius"] = spec["radius"]
    if direct:
        kw["neuron_type"] = nengo.Direct()
    elif "neuron_type" in spec:
        t = spec["neuron_type"]
        name, params = (t, {}) if isinstance(t, str) else next(iter(t.items()))
        kw["neuron_type"] = NEURONS[name](**(params or {}))
    for key in ("encoders", "max_rates", "intercepts", "eval_points"):
        if key not in spec:
            continue
        v = spec[key]
        if isinstance(v, (dict, str)):
            if key == "eval_points" and isinstance(v, dict) and "n" in v:
                kw["n_eval_points"] = v["n"]
                if "dist" in v:
                    kw["eval_points"] = distribution(v["dist"])
            else:
                kw[key] = distribution(v)
        else:
            kw[key] = np.asarray(v, dtype=float)
    if "n_eval_points" in spec:
        kw["n_eval_points"] = spec["n_eval_points"]
    if "noise" in spec and not direct:
        kw["noise"] = process(spec["noise"], spec["n_neurons"])[0]
    if "seed" in spec:
        kw["seed"] = spec["seed"]
    return kw


class Translator:
    def __init__(self, doc, seed, direct):
        self.doc, self.direct = doc, direct
        self.objects = {}   # name -> Nengo object (node, ensemble, network port)
        self.net = nengo.Network(seed=seed)
        if direct:
            self.net.config[nengo.Ensemble].neuron_type = nengo.Direct()
        self.probes = {}

    def ref(self, text):
        m = re.fullmatch(r"([\w.]+?)(?:\[(.*)\])?", str(text))
        name, sl = m.group(1), m.group(2)
        obj = self.objects[name]
        if sl is None:
            return obj
        if ":" in sl:
            parts = [int(p) if p.strip() else None for p in sl.split(":")]
            return obj[slice(*parts)]
        return obj[int(sl)]

    def build(self):
        with self.net:
            for name, spec in (self.doc.get("nodes") or {}).items():
                self.node(name, spec)
            for name, spec in (self.doc.get("networks") or {}).items():
                self.network(name, spec)
            for c in self.doc.get("connections") or []:
                self.connection(c)
            for name, spec in (self.doc.get("probes") or {}).items():
                self.probe(name, spec)
        return self.net

    def node(self, name, spec):
        if "constant" in spec:
            self.objects[name] = nengo.Node(np.atleast_1d(np.asarray(spec["constant"], dtype=float)), label=name)
        elif "function" in spec and "size_in" in spec:
            f = vector_function(spec["function"], spec["size_in"])
            self.objects[name] = nengo.Node(lambda t, x, f=f: f(x), size_in=spec["size_in"], label=name)
        elif "function" in spec:
            self.objects[name] = nengo.Node(time_function(spec["function"]), label=name)
        elif "process" in spec:
            p, size = process(spec["process"], spec.get("size", 1))
            self.objects[name] = nengo.Node(p, size_out=size, label=name)
        elif "size" in spec:
            self.objects[name] = nengo.Node(size_in=spec["size"], label=name)
        elif "ensemble" in spec:
            e = spec["ensemble"]
            ens = nengo.Ensemble(e["n_neurons"], e.get("dimensions", 1), label=name, **ensemble_kwargs(e, self.direct))
            self.objects[name] = ens
            self.objects[name + ".neurons"] = ens.neurons
        else:
            raise ValueError(f"node {name}: kind not translated")

    def network(self, name, spec):
        kind = spec["kind"]
        ens = ensemble_kwargs(spec.get("ensemble", {}), self.direct)
        with nengo.Network(label=name) as sub:
            sub.config[nengo.Ensemble].update(ens)
            if kind == "ensemble_array":
                n = nengo.networks.EnsembleArray(spec.get("n_neurons", 50), spec.get("n_ensembles", 1),
                                                 ens_dimensions=spec.get("ens_dimensions", 1))
                ports = {"input": n.input, "output": n.output}
                for out, f in (spec.get("outputs") or {}).items():
                    ports[out] = n.add_output(out, vector_function(f, spec.get("ens_dimensions", 1)))
            elif kind == "product":
                n = nengo.networks.Product(spec.get("n_neurons", 100), spec.get("dimensions", 1),
                                           input_magnitude=spec.get("input_magnitude", 1.0))
                ports = {"input_a": n.input_a, "input_b": n.input_b, "output": n.output}
            elif kind == "circular_convolution":
                n = nengo.networks.CircularConvolution(spec.get("n_neurons", 200), spec.get("dimensions", 1),
                                                       invert_a=spec.get("invert_a", False),
                                                       invert_b=spec.get("invert_b", False),
                                                       input_magnitude=spec.get("input_magnitude", 1.0))
                ports = {"input_a": n.input_a, "input_b": n.input_b, "output": n.output}
            elif kind == "input_gated_memory":
                n = nengo.networks.InputGatedMemory(spec.get("n_neurons", 100), spec.get("dimensions", 1),
                                                    feedback=spec.get("feedback", 1.0),
                                                    difference_gain=spec.get("difference_gain", 1.0),
                                                    recurrent_synapse=spec.get("recurrent_synapse", 0.1),
                                                    difference_synapse=spec.get("difference_synapse"))
                ports = {"input": n.input, "output": n.output, "gate": n.gate, "reset": n.reset}
            elif kind == "basal_ganglia":
                n = nengo.networks.BasalGanglia(spec.get("dimensions", 1), spec.get("n_neurons_per_ensemble", 100),
                                                output_weight=spec.get("output_weight", -3.0),
                                                input_bias=spec.get("input_bias", 0.0))
                ports = {"input": n.input, "output": n.output}
            elif kind == "thalamus":
                n = nengo.networks.Thalamus(spec.get("dimensions", 1), spec.get("n_neurons_per_ensemble", 50),
                                            mutual_inhib=spec.get("mutual_inhibition", 1.0),
                                            threshold=spec.get("threshold", 0.0))
                ports = {"input": n.input, "output": n.output}
            elif kind in ("integrator", "oscillator"):
                tau = spec.get("recurrent_tau", 0.1)
                d = spec.get("dimensions", 1) if kind == "integrator" else 2
                inp = nengo.Node(size_in=d)
                e = nengo.Ensemble(spec.get("n_neurons", 100 if kind == "integrator" else 200), d)
                nengo.Connection(inp, e, transform=tau, synapse=tau)
                w = spec.get("frequency", 1.0) * tau
                feedback = np.eye(d) if kind == "integrator" else np.array([[1, -w], [w, 1]])
                nengo.Connection(e, e, transform=feedback, synapse=tau)
                ports = {"input": inp, "output": e}
            else:
                raise ValueError(f"network kind {kind} not translated")
        for port, obj in ports.items():
            self.objects[f"{name}.{port}"] = obj

    def connection(self, c):
        pre, post = self.ref(c["from"]), self.ref(c["to"])
        if self.direct and any(isinstance(o, nengo.ensemble.Neurons) for o in (pre, post)):
            return  # Direct mode has no neurons (such examples score against a reference of their own)
        kw = {"synapse": synapse(c.get("synapse"))}
        if "transform" in c:
            kw["transform"] = np.asarray(c["transform"], dtype=float)
        if "function" in c:
            d = pre.size_out
            kw["function"] = vector_function(c["function"], d)
        if "solver" in c:
            s = c["solver"]
            name, p = (s, {}) if isinstance(s, str) else next(iter(s.items()))
            cls = {"lstsq_l2": nengo.solvers.LstsqL2, "lstsq_l2nz": nengo.solvers.LstsqL2nz, "lstsq": nengo.solvers.Lstsq,
                   "nnls": nengo.solvers.Nnls, "nnls_l2": nengo.solvers.NnlsL2, "nnls_l2nz": nengo.solvers.NnlsL2nz}[name]
            kw["solver"] = cls(**(p or {}))
        nengo.Connection(pre, post, **kw)

    def probe(self, name, spec):
        if not isinstance(spec, dict):
            spec = {"target": spec}
        target = self.ref(spec["target"])
        attr = spec.get("attr")
        if isinstance(target, nengo.ensemble.Neurons):
            attr = attr or "output"
            if self.direct:  # no neurons in Direct mode
                return
        kw = {"synapse": synapse(spec.get("synapse"))}
        self.probes[name] = nengo.Probe(target, attr, **kw) if attr else nengo.Probe(target, **kw)


def steps_of(doc):
    run, dt = doc["run"], doc.get("dt", 0.001)
    return run["steps"] if "steps" in run else int(round(run["time"] / dt))


def run_nengo(doc, seed, direct):
    steps = steps_of(doc)
    dt = doc.get("dt", 0.001)
    t0 = time.perf_counter()
    tr = Translator(doc, seed, direct)
    net = tr.build()
    with nengo.Simulator(net, dt=dt, progress_bar=False) as sim:
        sim.run_steps(steps)
    elapsed = time.perf_counter() - t0
    return {name: np.asarray(sim.data[p]) for name, p in tr.probes.items()}, elapsed


def run_netsim(netsim, path, seed, workdir):
    text = path.read_text()
    text = re.sub(r"(?m)^seed: \d+", f"seed: {seed}", text)
    copy = pathlib.Path(workdir) / path.name
    copy.write_text(text)
    out = pathlib.Path(workdir) / (path.stem + f".{seed}.out")
    t0 = time.perf_counter()
    subprocess.run([netsim, "run", str(copy), "--out", str(out), "--quiet"], check=True)
    elapsed = time.perf_counter() - t0
    with np.load(out / "probes.npz") as z:
        return {k: z[k][0] for k in z.files}, elapsed


# --- what each example is judged by ------------------------------------------------------

def rmse(a, b):
    return float(np.sqrt(np.mean((np.asarray(a) - np.asarray(b)) ** 2)))


def piecewise_values(data, steps, dt):
    p = nengo.processes.Piecewise({float(k): v for k, v in data.items()})
    return p.run_steps(steps, dt=dt)


def inhibitory_ideal(doc):
    steps, dt = steps_of(doc), doc["dt"]
    t = np.arange(1, steps + 1) * dt
    gate = piecewise_values(doc["nodes"]["inhib"]["process"]["piecewise"], steps, dt)[:, 0]
    return np.sin(t) * (gate < 0.5)


def attractor_statistics(x):
    return np.concatenate([x.mean(axis=0), x.std(axis=0)])


def white_signal_rms(probes, doc):
    got, want = [], []
    for name in ("a", "b", "c", "d"):
        values = probes[name + "p"]
        target = doc["nodes"][name]["process"]["white_signal"].get("rms", 0.5)
        for i in range(values.shape[1]):  # each signal's RMS against the process's
            got.append(np.sqrt(np.mean(values[:, i] ** 2)))
            want.append(target)
    return rmse(got, want)


# example -> (probes scored against Direct mode, or a custom score(probes, direct, doc))
SCORES = {
    "communication_channel": ["B_probe"],
    "squaring": ["B_probe"],
    "2d_representation": ["neurons_probe"],
    "addition": ["C_probe"],
    "combining": ["out_probe"],
    "many_neurons": ["A_probe"],
    "single_neuron": ["filtered"],
    "two_neurons": ["filtered"],
    "multiplication": ["prod_probe"],
    "integrator": ["A_probe"],
    "oscillator": ["neuron_probe"],
    "controlled_integrator": ["A_probe"],
    "controlled_integrator2": ["A_probe"],
    "controlled_oscillator": ["oscillator_probe"],
    "lorenz_attractor": lambda p, d, doc: rmse(attractor_statistics(p["state_probe"][1000:]),
                                               attractor_statistics(d["state_probe"][1000:])),
    "inhibitory_gating": lambda p, d, doc: rmse(np.stack([p["A_probe"][:, 0], p["B_probe"][:, 0]]),
                                                np.stack([inhibitory_ideal(doc)] * 2)),
    "ensemble_array": ["C_probe"],
    "matrix_multiplication": lambda p, d, doc: rmse(p["D_probe"][-200:],
                                                    np.tile(np.dot([[0.5, -0.5], [-0.2, 0.3]],
                                                                   [[0.58, -1.0], [0.7, 0.1]]).ravel(), (200, 1))),
    "basal_ganglia": ["selected_action"],
    "rectified_linear": ["neurons_probe"],
    "functions_and_tuning_curves": ["p_naive", "p_pos_enc", "p_uniform", "p_fixed"],
    "nef_summary": ["A_squared_probe"],
    "processes": lambda p, d, doc: white_signal_rms(p, doc),
}

HOW = {
    "lorenz_attractor": "mean and std of x, y, z after 1 s vs Direct mode (chaotic)",
    "inhibitory_gating": "A and B vs sin(t) while the gate is off, 0 while on",
    "matrix_multiplication": "D over the last 0.2 s vs the product A B",
    "processes": "RMS of the four white signals vs their rms",
}


def score(name, probes, direct, doc):
    how = SCORES[name]
    if callable(how):
        return how(probes, direct, doc)
    return float(np.mean([rmse(probes[p], direct[p]) for p in how]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--only", default="")
    ap.add_argument("--netsim", default=str(ROOT / "build" / "apps" / "netsim" / "netsim"))
    ap.add_argument("--markdown", default="")
    args = ap.parse_args()
    names = [n for n in SCORES if not args.only or n in args.only.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for name in names:
            path = EXAMPLES / f"{name}.yaml"
            doc = yaml.safe_load(path.read_text())
            ours, theirs, t_ours, t_theirs = [], [], [], []
            for seed in range(args.seeds):
                direct, _ = run_nengo(doc, seed, direct=True)
                nengo_probes, tn = run_nengo(doc, seed, direct=False)
                netsim_probes, ts = run_netsim(args.netsim, path, seed, work)
                ours.append(score(name, netsim_probes, direct, doc))
                theirs.append(score(name, nengo_probes, direct, doc))
                t_ours.append(ts)
                t_theirs.append(tn)
            row = (name, np.mean(ours), np.mean(theirs), np.mean(ours) / np.mean(theirs), np.mean(t_ours), np.mean(t_theirs))
            rows.append(row)
            print(f"{name:30s} netsim {row[1]:.4f}  nengo {row[2]:.4f}  ratio {row[3]:.2f}  "
                  f"time netsim {row[4]:.2f} s  nengo {row[5]:.2f} s", flush=True)
    lines = ["| example | judged by | netsim RMSE | Nengo 4.1 RMSE | ratio | netsim s | Nengo s |",
             "|---|---|---|---|---|---|---|"]
    for name, a, b, r, ta, tb in rows:
        lines.append(f"| {name} | {HOW.get(name, 'decoded output vs Direct mode')} | {a:.4f} | {b:.4f} | {r:.2f} | "
                     f"{ta:.2f} | {tb:.2f} |")
    within = sum(1 for r in rows if r[3] <= 1.25)
    lines.append("")
    lines.append(f"{within} of {len(rows)} within 1.25x Nengo's RMSE (mean of {args.seeds} seeds each).")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.markdown:
        pathlib.Path(args.markdown).write_text(text)


if __name__ == "__main__":
    sys.exit(main())
