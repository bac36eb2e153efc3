#!/usr/bin/python3
"""Draws the probes of examples/neurons/communication_channel.yaml from its probes.npz:
the input and b's decoded value, a raster of a's first neurons' spikes, and the voltage of
three of them.

    /usr/bin/python3 scripts/plot_neurons.py RUN/probes.npz OUT.png

Needs numpy and matplotlib (Debian: python3-numpy, python3-matplotlib).
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    probes = np.load(sys.argv[1])
    dt = 0.001
    x, y = probes["input"][0, :, 0], probes["b_value"][0, :, 0]
    spikes, voltage = probes["a_spikes"][0], probes["a_voltage"][0]
    t = np.arange(1, len(x) + 1) * dt
    fig, axes = plt.subplots(3, 1, figsize=(8, 7), sharex=True)
    axes[0].plot(t, x, label="input u", color="0.6")
    axes[0].plot(t, y, label="b, decoded (10 ms lowpass)")
    axes[0].set_ylabel("value")
    axes[0].legend(loc="upper right")
    for i in range(spikes.shape[1]):
        steps = np.nonzero(spikes[:, i])[0]
        axes[1].vlines(t[steps], i + 0.6, i + 1.4, linewidth=0.8)
    axes[1].set_ylabel("a's neuron")
    axes[1].set_yticks(range(1, spikes.shape[1] + 1))
    for i in range(3):
        axes[2].plot(t, voltage[:, i], linewidth=0.8, label="neuron %d" % (i + 1))
    axes[2].set_ylabel("voltage")
    axes[2].set_xlabel("time (s)")
    axes[2].legend(loc="upper right")
    fig.suptitle("communication_channel.yaml: 50 LIF neurons per ensemble, netsim run")
    fig.tight_layout()
    fig.savefig(sys.argv[2], dpi=90)


if __name__ == "__main__":
    main()
