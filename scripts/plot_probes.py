#!/usr/bin/python3
"""Draws the probes of a `netsim run` output folder, one PNG per probe (netsim plot DIR
calls it; run it by hand to redraw after editing it).

    /usr/bin/python3 scripts/plot_probes.py DIR [--out DIR2] [--probe NAME]... [--from T] [--to T] [--one FILE.png]

DIR holds run.json and probes.npz, or probes.partial/NAME.npy of a run that was stopped
(then every sample is taken as one step apart, from dt). run.json says what each probe
records: "values" (lines over time), "spikes" (a raster: a dot where a neuron spiked),
"voltage" (neuron voltages over time). Sequence 0 of a minibatch is drawn, at most 8 lines
(3 voltages) or 200 neurons. --one draws the chosen probes as panels of one picture, sharing the time
axis, in the order given. Needs numpy and matplotlib (Debian: apt-get install python3-matplotlib).
"""
import argparse
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

MAX_LINES, MAX_VOLTAGES, MAX_NEURONS = 8, 3, 200  # voltage traces overlap: fewer


def sample_times(record, count, dt):
    t = record.get("sample_times") if record else None
    if isinstance(t, dict):
        return t["start"] + t["step"] * np.arange(t["count"])
    if t is not None:
        return np.asarray(t)
    return dt * np.arange(1, count + 1)


def load(folder):
    """(name, data (samples, size) of sequence 0, times, kind) for every probe."""
    record = {}
    if os.path.exists(os.path.join(folder, "run.json")):
        with open(os.path.join(folder, "run.json")) as f:
            record = json.load(f)
    dt = record.get("dt", 0.001)
    probes = []
    npz = os.path.join(folder, "probes.npz")
    if os.path.exists(npz):
        with np.load(npz) as z:
            for name in z.files:
                info = record.get("probes", {}).get(name, {})
                data = z[name][0]
                probes.append((name, data, sample_times(info, data.shape[0], dt), info.get("records", "values")))
        return probes
    partial = os.path.join(folder, "probes.partial")
    if not os.path.isdir(partial):
        sys.exit("plot_probes: %s has neither probes.npz nor probes.partial/" % folder)
    for file in sorted(os.listdir(partial)):
        if not file.endswith(".npy"):
            continue
        data = np.load(os.path.join(partial, file), mmap_mode="r")
        data = data[0] if data.shape[0] == 1 else data[:, 0, :]  # (1, samples, size) or (samples, batch, size)
        probes.append((file[:-4], np.asarray(data), dt * np.arange(1, data.shape[0] + 1), "values"))
    return probes


def draw(ax, name, data, times, kind):
    if kind == "spikes":
        shown = min(data.shape[1], MAX_NEURONS)
        steps, neurons = np.nonzero(data[:, :shown])
        ax.scatter(times[steps], neurons, marker="|", s=30, color="k", linewidths=0.8)
        ax.set_ylim(-0.5, shown - 0.5)
        ax.set_ylabel("neuron" + ("" if shown == data.shape[1] else " (first %d of %d)" % (shown, data.shape[1])))
        ax.set_title("%s: spikes (%d)" % (name, len(steps)), fontsize=10)
    else:
        shown = min(data.shape[1], MAX_VOLTAGES if kind == "voltage" else MAX_LINES)
        for i in range(shown):
            ax.plot(times, data[:, i], linewidth=1, label="%s %d" % ("neuron" if kind == "voltage" else "dim", i))
        ax.set_ylabel("voltage" if kind == "voltage" else "value")
        ax.set_title("%s: %s%s" % (name, kind, "" if shown == data.shape[1] else " (first %d of %d)" % (shown, data.shape[1])),
                     fontsize=10)
        if 1 < shown <= MAX_LINES:
            ax.legend(fontsize=7, loc="upper right")
    ax.grid(True, alpha=0.3)


def main():
    ap = argparse.ArgumentParser(description="Pictures of a netsim run's probes.")
    ap.add_argument("folder")
    ap.add_argument("--out")
    ap.add_argument("--probe", action="append", default=[])
    ap.add_argument("--from", dest="start", type=float)
    ap.add_argument("--to", dest="end", type=float)
    ap.add_argument("--one", help="one picture of the chosen probes, a panel each")
    args = ap.parse_args()
    out = args.out or os.path.join(args.folder, "plots")
    if not args.one:
        os.makedirs(out, exist_ok=True)
    probes = load(args.folder)
    names = [p[0] for p in probes]
    for wanted in args.probe:
        if wanted not in names:
            sys.exit("plot_probes: no probe '%s' in %s (it has %s)" % (wanted, args.folder, ", ".join(names)))
    chosen = [p for name in (args.probe or names) for p in probes if p[0] == name]
    windowed = []
    for name, data, times, kind in chosen:
        keep = np.ones(len(times), dtype=bool)
        if args.start is not None:
            keep &= times >= args.start
        if args.end is not None:
            keep &= times <= args.end
        windowed.append((name, data[keep], times[keep], kind))
    if args.one:
        fig, axes = plt.subplots(len(windowed), 1, figsize=(9, 2.6 * len(windowed)), sharex=True, squeeze=False)
        for ax, probe in zip(axes[:, 0], windowed):
            draw(ax, *probe)
        axes[-1, 0].set_xlabel("time (s)")
        fig.tight_layout()
        fig.savefig(args.one, dpi=100)
        plt.close(fig)
        print("netsim plot: wrote", args.one)
        return
    for probe in windowed:
        fig, ax = plt.subplots(figsize=(9, 4))
        draw(ax, *probe)
        ax.set_xlabel("time (s)")
        fig.tight_layout()
        path = os.path.join(out, probe[0] + ".png")
        fig.savefig(path, dpi=100)
        plt.close(fig)
        print("netsim plot: wrote", path)


if __name__ == "__main__":
    main()
