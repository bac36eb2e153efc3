#!/usr/bin/env bash
# Training speed, netsim against the PyTorch peers, one after the other on this machine:
#   1. the psMNIST LMU (examples/psmnist_lmu_nodes.yaml): 2 epochs of 10 minibatches of
#      100 (+ 1 validation batch) vs ../shared/peers/torch_lmu_psmnist.py bench --variant fold;
#   2. the minpy RNN (examples/mnist_rnn_patches_seed.yaml): 5 epochs vs bench/torch_rnn_patches.py.
# Needs a build (scripts/setup.sh), data/mnist (scripts/fetch_mnist.sh) and, for the
# peers, Debian's python3-torch with libopenblas0-pthread. Usage: bash bench/train_speed.sh [PEERS_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
peers=${1:-../shared/peers}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
netsim=build/apps/netsim/netsim
source bench/openblas_env.sh  # OPENBLAS_NUM_THREADS=1 and OpenBLAS's kernels for this CPU

sed -e "s|{file: data/|{file: $root/examples/data/|" -e "s|folder: ../data/mnist|folder: $root/data/mnist|" \
    -e 's|    train: 50000|    train: 1000|' -e 's|    validation: 10000|    validation: 100|' \
    examples/psmnist_lmu_nodes.yaml > "$tmp/lmu.yaml"
sed -e "s|folder: ../data/mnist|folder: $root/data/mnist|" examples/mnist_rnn_patches_seed.yaml > "$tmp/rnn.yaml"

echo "== netsim, psMNIST LMU, minibatch 100 (10 updates + 1 validation batch per epoch)"
"$netsim" train "$tmp/lmu.yaml" --out "$tmp/lmu.train" --epochs 2 | grep '^Epoch'
if [[ -f "$peers/torch_lmu_psmnist.py" ]]; then
  echo "== PyTorch peer (fold), seconds per training batch of 100"
  (cd "$peers" && MNIST_DIR="$root/data/mnist" /usr/bin/python3 torch_lmu_psmnist.py bench --variant fold --iters 5 | tail -1 |
    /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print("median", round(d["train_s_per_batch_median"], 3), "min", round(d["train_s_per_batch_min"], 3))')
fi
echo "== netsim, minpy RNN, minibatch 50 (100 updates + 1,000 validation sequences per epoch)"
"$netsim" train "$tmp/rnn.yaml" --out "$tmp/rnn.train" --epochs 5 | grep '^Epoch'
echo "== PyTorch peer, minpy RNN (seconds per epoch in the last column)"
MNIST_DIR="$root/data/mnist" /usr/bin/python3 bench/torch_rnn_patches.py --epochs 5
