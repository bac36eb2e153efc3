#!/usr/bin/python3
"""Runs `netsim run` on golden network files and opens the results with NumPy, as a user
analysing probe dumps offline would: probes.npz through numpy.load (float32 arrays shaped
(batch, samples, size), equal to the Nengo reference's probe data) and run.json through json.

usage: check_probes_npz.py NETSIM_EXE TEST_DATA_DIR
"""
import json
import pathlib
import subprocess
import sys
import tempfile

import numpy as np


def check(netsim, data, case):
    golden = json.loads((data / "golden" / (case + ".json")).read_text())
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "out"
        subprocess.run([netsim, "run", str(data / "golden_yaml" / (case + ".yaml")), "--out", str(out), "--quiet"],
                       check=True)
        record = json.loads((out / "run.json").read_text())
        with np.load(out / "probes.npz") as probes:
            assert sorted(probes.files) == sorted(golden["probe_data"]), (probes.files, list(golden["probe_data"]))
            for name, expected in golden["probe_data"].items():
                got = probes[name]
                expected = np.asarray(expected)
                assert got.dtype == np.float32, (name, got.dtype)
                assert got.shape == (1,) + expected.shape, (name, got.shape, expected.shape)
                np.testing.assert_allclose(got[0], expected, atol=1e-6, rtol=0, err_msg=name)
                assert record["probes"][name]["shape"] == list(got.shape)
                times = record["probes"][name]["sample_times"]
                if isinstance(times, dict):  # evenly spaced: start, step, count
                    times = times["start"] + times["step"] * np.arange(times["count"])
                np.testing.assert_allclose(times, golden["probe_times"][name], rtol=1e-12)
        assert record["steps"] == golden["n_steps"] and record["dt"] == golden["dt"]
    print("ok", case)


def main():
    netsim, data = sys.argv[1], pathlib.Path(sys.argv[2])
    for case in ["g_probe_synapse_sample_every__dt0.001", "j_mini_lmu_psmnist_topology__dt1.0",
                 "d_alpha__dt1.0"]:
        check(netsim, data, case)


if __name__ == "__main__":
    main()
