#!/usr/bin/env python3
"""Reference LMU memory matrices for tests/networks/lmu_test.cpp, computed independently
of netsim with SciPy's cont2discrete (zero-order hold) from the Legendre system:

    R_i = (2i+1)/theta,  A_ij = R_i * (-1 if i < j else (-1)^(i-j+1)),  B_i = R_i * (-1)^i

Writes tests/data/lmu/zoh_A_<order>_<theta>.npy and zoh_B_<order>_<theta>.npy (float64).
Run with Debian's interpreter: /usr/bin/python3 scripts/lmu_reference.py
"""
import os

import numpy as np
from scipy.signal import cont2discrete

CASES = [(1, 1.0), (6, 10.0), (32, 100.0), (256, 784.0)]


def legendre(order, theta):
    q = np.arange(order, dtype=np.float64)
    r = (2 * q + 1)[:, None] / theta
    i, j = np.meshgrid(q, q, indexing="ij")
    a = np.where(i < j, -1.0, (-1.0) ** (i - j + 1)) * r
    b = (-1.0) ** q[:, None] * r
    return a, b


def main():
    out = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "lmu")
    os.makedirs(out, exist_ok=True)
    for order, theta in CASES:
        a, b = legendre(order, theta)
        c, d = np.ones((1, order)), np.zeros((1, 1))
        ad, bd, *_ = cont2discrete((a, b, c, d), dt=1.0, method="zoh")
        tag = f"{order}_{int(theta)}"
        np.save(os.path.join(out, f"zoh_A_{tag}.npy"), ad)
        np.save(os.path.join(out, f"zoh_B_{tag}.npy"), bd)
        print(f"zoh {tag}: |A| max {np.abs(ad).max():.6g}, B[0] {bd[0, 0]:.9g}")


if __name__ == "__main__":
    main()
