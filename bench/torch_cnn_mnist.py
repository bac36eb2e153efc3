#!/usr/bin/env python3
"""examples/mnist_cnn.yaml in PyTorch, as a speed yardstick: per-batch training time.

Same network (5x5 conv 32 same + ReLU, 2x2 max pool, 5x5 conv 64 same + ReLU, 2x2 max
pool, Linear 3136->512 + ReLU, Linear 512->10; biases per channel, as PyTorch has them),
SGD momentum 0.9, lr 0.01, minibatch 64, inputs x/255, channels first (PyTorch's own
layout). Times --batches training steps (forward, backward, update) after 5 warm-up
steps and prints one JSON line.

    MNIST_DIR=data/mnist OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/torch_cnn_mnist.py --batches 100
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mnist_idx import read_idx  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", type=int, default=100)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    d = os.environ.get("MNIST_DIR", "data/mnist")
    x = torch.tensor(read_idx(f"{d}/train-images-idx3-ubyte")[:64 * (args.batches + 5)].astype(np.float32) / 255).unsqueeze(1)
    y = torch.tensor(read_idx(f"{d}/train-labels-idx1-ubyte")[:64 * (args.batches + 5)].astype(np.int64))
    model = torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(32, 64, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(3136, 512), torch.nn.ReLU(), torch.nn.Linear(512, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def step(i):
        xb, yb = x[64 * i:64 * (i + 1)], y[64 * i:64 * (i + 1)]
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(xb), yb)
        loss.backward()
        opt.step()

    for i in range(5):
        step(i)
    start = time.perf_counter()
    for i in range(5, 5 + args.batches):
        step(i)
    seconds = time.perf_counter() - start
    print(json.dumps({"batches": args.batches, "s_per_batch": seconds / args.batches,
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "torch": torch.__version__, "threads": args.threads}))


if __name__ == "__main__":
    main()
