#!/usr/bin/env python3
"""Writes tests/data/golden_yaml/<case>.yaml: each runnable golden case (tests/data/golden/*.json,
recorded from the Nengo reference simulator) as a netsim network file. The YAML tests run
`netsim run` on these and compare probes.npz with the JSON's probe_data.

Usage: python3 scripts/golden_to_yaml.py   (standard library only; rerun if the JSON changes)
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden"
OUT = ROOT / "tests" / "data" / "golden_yaml"


def synapse(s):
    if s is None:
        return "none"
    if s["type"] == "Lowpass":
        return "0" if s["tau"] == 0 else "{lowpass: %r}" % s["tau"]
    if s["type"] == "Alpha":
        return "{alpha: %r}" % s["tau"]
    raise ValueError("unknown synapse %r" % s)


def node(n):
    out = n["output"]
    kind = out["kind"]
    if kind == "sequence":
        return "{sequence: %s}" % json.dumps(out["values"])
    if kind == "constant":
        return "{constant: %s}" % json.dumps(out["value"])
    if kind == "time":
        return "{time: true}"
    if kind == "passthrough":
        return "{size: %d}" % n["size_out"]
    if kind == "function" and out["fn"] == "tanh":
        return "{size: %d, activation: tanh}" % n["size_out"]
    raise ValueError("unknown node kind %r" % kind)


def convert(path):
    case = json.loads(path.read_text())
    if "network" not in case:
        return None  # i_algebraic_loop: variants without probe data
    net = case["network"]
    lines = [
        "# %s from %s (Nengo %s); written by scripts/golden_to_yaml.py" % (case["case"], path.name, case["nengo_version"]),
        "netsim: 1",
        "name: %s" % case["case"],
        "dt: %r" % case["dt"],
        "nodes:",
    ]
    lines += ["  %s: %s" % (n["name"], node(n)) for n in net["nodes"]]
    lines.append("connections:")
    for c in net["connections"]:
        lines.append("  - {from: %s, to: %s, transform: %s, synapse: %s}"
                     % (c["pre"], c["post"], json.dumps(c["transform"]), synapse(c["synapse"])))
    lines.append("probes:")
    for p in net["probes"]:
        extra = "" if p["sample_every"] is None else ", sample_every: %r" % p["sample_every"]
        lines.append("  %s: {target: %s, synapse: %s%s}" % (p["name"], p["target"], synapse(p["synapse"]), extra))
    lines.append("run: {steps: %d}" % case["n_steps"])
    return "\n".join(lines) + "\n"


def main():
    OUT.mkdir(exist_ok=True)
    for path in sorted(GOLDEN.glob("*__dt*.json")):
        text = convert(path)
        if text is not None:
            (OUT / (path.stem + ".yaml")).write_text(text)
            print("wrote", OUT / (path.stem + ".yaml"))


if __name__ == "__main__":
    main()
