#!/usr/bin/env python3
"""Writes tests/data/golden_neurons_yaml/<case>.yaml: each neuron golden case
(tests/data/golden_neurons/n_*.json, recorded from the Nengo 4.1 reference simulator) as a
netsim network file with ensemble: entries (docs/neurons.md). The neuron golden test runs
`netsim run` on these and compares probes.npz with the JSON's probe_data.

Usage: python3 scripts/golden_neurons_to_yaml.py   (standard library only)
"""
import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden_neurons"
OUT = ROOT / "tests" / "data" / "golden_neurons_yaml"

def type_name(nengo_class):
    """Nengo's class name as netsim's type name: LIFRate -> lif_rate, AdaptiveLIF -> adaptive_lif."""
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z][a-z]+", nengo_class)
    return "_".join(w.lower() for w in words)


def synapse(s):
    if s is None:
        return "none"
    if s["type"] == "Lowpass":
        return "0" if s["tau"] == 0 else "{lowpass: %r}" % s["tau"]
    raise ValueError("unknown synapse %r" % s)


def node(n):
    if n["kind"] == "sequence":
        return "{sequence: %s}" % json.dumps(n["values"])
    if n["kind"] == "passthrough":
        return "{size: %d}" % n["size"]
    raise ValueError("unknown node kind %r" % n["kind"])


def ensemble(e):
    t = e["neuron_type"]
    fields = ["n_neurons: %d" % e["n_neurons"], "dimensions: %d" % e["dimensions"]]
    if "radius" in e:
        fields.append("radius: %r" % e["radius"])
    params = ", ".join("%s: %r" % kv for kv in t["params"].items())
    fields.append("neuron_type: {%s: {%s}}" % (type_name(t["type"]), params))
    fields.append("encoders: %s" % json.dumps(e["encoders"]))
    if "gain" in e:
        fields += ["gain: %s" % json.dumps(e["gain"]), "bias: %s" % json.dumps(e["bias"])]
    else:
        fields += ["max_rates: %s" % json.dumps(e["max_rates"]), "intercepts: %s" % json.dumps(e["intercepts"])]
    if "initial_voltage" in t:
        fields.append("initial_voltage: %s" % json.dumps(t["initial_voltage"]))
    return "{ensemble: {%s}}" % ", ".join(fields)


def convert(path):
    case = json.loads(path.read_text())
    net = case["network"]
    lines = [
        "# %s from %s (Nengo %s); written by scripts/golden_neurons_to_yaml.py" % (case["case"], path.name, case["nengo_version"]),
        "netsim: 1",
        "name: %s" % case["case"],
        "dt: %r" % case["dt"],
        "nodes:",
    ]
    lines += ["  %s: %s" % (n["name"], node(n)) for n in net["nodes"]]
    lines += ["  %s: %s" % (e["name"], ensemble(e)) for e in net["ensembles"]]
    lines.append("connections:")
    for c in net["connections"]:
        decoders = ", decoders: %s" % json.dumps(c["decoders"]) if "decoders" in c else ""
        lines.append("  - {from: %s, to: %s, transform: %s, synapse: %s%s}"
                     % (c["pre"], c["post"], json.dumps(c["transform"]), synapse(c["synapse"]), decoders))
    lines.append("probes:")
    for p in net["probes"]:
        attr = ", attr: %s" % p["attr"] if "attr" in p else ""
        lines.append("  %s: {target: %s, synapse: %s%s}" % (p["name"], p["target"], synapse(p["synapse"]), attr))
    lines.append("run: {steps: %d}" % case["n_steps"])
    return "\n".join(lines) + "\n"


def main():
    OUT.mkdir(exist_ok=True)
    for path in sorted(GOLDEN.glob("n_*.json")):
        (OUT / (path.stem + ".yaml")).write_text(convert(path))
        print("wrote", OUT / (path.stem + ".yaml"))


if __name__ == "__main__":
    main()
