#!/usr/bin/python3
"""Writes the data of examples/regression/noisy_mean.yaml: sequences of 30 noisy readings
of a level m in [-1, 1); the network estimates m (a regression: one number per sequence).

    /usr/bin/python3 scripts/make_regression_data.py [FOLDER]   (default examples/regression)

x_*.npy: (N, 30, 1) m + N(0, 0.5^2) per step; m_*.npy: (N, 1). The best estimate, the
mean of the 30 readings, has an error of 0.5 / sqrt(30) = 0.091 (MSE 0.0083, R^2 0.975).
Seeded: the same files every time. Needs numpy.
"""
import pathlib
import sys

import numpy as np


def make(n, rng):
    m = rng.uniform(-1.0, 1.0, size=(n, 1))
    x = m + rng.normal(scale=0.5, size=(n, 30))
    return x[:, :, None].astype(np.float32), m.astype(np.float32)


def main():
    default = pathlib.Path(__file__).resolve().parent.parent / "examples" / "regression"
    folder = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else default
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.RandomState(0)
    for name, n in (("train", 2000), ("validation", 300), ("test", 500)):
        x, m = make(n, rng)
        np.save(folder / f"x_{name}.npy", x)
        np.save(folder / f"m_{name}.npy", m)


if __name__ == "__main__":
    main()
