#!/usr/bin/env python3
"""The minpy "RNN on MNIST" seed in PyTorch, as a yardstick for examples/mnist_rnn_patches_seed.yaml.

112 steps of 7 pixels, 128 tanh units (recurrent weights start as the identity, biases
zero, input and readout weights Glorot-uniform), readout on the last step; inputs
standardised per pixel with the whole training file's mean and std (+1e-5); the first
5,000 training images, minibatch 50, RMSprop lr 2e-4 (alpha 0.99, eps 1e-8, as minpy's);
validation on the first 1,000 test images after every epoch.

    MNIST_DIR=data/mnist OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/torch_rnn_patches.py --epochs 50
Prints one CSV line per epoch: epoch,train_loss,train_accuracy,val_accuracy,seconds.
"""
import argparse
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mnist_idx import read_idx  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=50)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    d = os.environ.get("MNIST_DIR", "data/mnist")
    train_x = read_idx(f"{d}/train-images-idx3-ubyte").reshape(-1, 784).astype(np.float64) / 255
    train_y = read_idx(f"{d}/train-labels-idx1-ubyte").astype(np.int64)
    test_x = read_idx(f"{d}/t10k-images-idx3-ubyte").reshape(-1, 784).astype(np.float64) / 255
    test_y = read_idx(f"{d}/t10k-labels-idx1-ubyte").astype(np.int64)
    mean = train_x.mean(axis=0)
    std = (train_x - mean).std(axis=0)
    x = torch.tensor(((train_x[:5000] - mean) / (std + 1e-5)).reshape(5000, 112, 7), dtype=torch.float32)
    y = torch.tensor(train_y[:5000])
    vx = torch.tensor(((test_x[:1000] - mean) / (std + 1e-5)).reshape(1000, 112, 7), dtype=torch.float32)
    vy = torch.tensor(test_y[:1000])

    rnn = torch.nn.RNN(7, 128, nonlinearity="tanh", batch_first=True)
    readout = torch.nn.Linear(128, 10)
    with torch.no_grad():
        torch.nn.init.xavier_uniform_(rnn.weight_ih_l0)
        rnn.weight_hh_l0.copy_(torch.eye(128))
        rnn.bias_ih_l0.zero_()
        rnn.bias_hh_l0.zero_()
        torch.nn.init.xavier_uniform_(readout.weight)
        readout.bias.zero_()
    params = list(rnn.parameters()) + list(readout.parameters())
    opt = torch.optim.RMSprop(params, lr=2e-4, alpha=0.99, eps=1e-8)

    def logits(batch):
        out, _ = rnn(batch)
        return readout(out[:, -1])

    print("epoch,train_loss,train_accuracy,val_accuracy,seconds", flush=True)
    for epoch in range(1, args.epochs + 1):
        start = time.time()
        order = rng.permutation(5000)
        total, correct = 0.0, 0
        for b in range(100):
            idx = torch.tensor(order[b * 50:(b + 1) * 50])
            z = logits(x[idx])
            loss = torch.nn.functional.cross_entropy(z, y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * 50
            correct += (z.argmax(1) == y[idx]).sum().item()
        with torch.no_grad():
            val = (logits(vx).argmax(1) == vy).float().mean().item()
        print(f"{epoch},{total / 5000:.4f},{correct / 5000:.4f},{val:.4f},{time.time() - start:.2f}", flush=True)


if __name__ == "__main__":
    main()
