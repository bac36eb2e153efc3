#!/usr/bin/env bash
# Training speed of the image seeds, netsim against PyTorch, one after the other on this
# machine (compare only figures from one run):
#   1. the NeuPy MLP (examples/mnist_mlp.yaml): 2 epochs of 60,000 images, batch 128,
#      no validation; vs ../shared/peers/torch_mlp_mnist.py --epochs 2 (its train_s);
#   2. the CNN (examples/mnist_cnn.yaml): 100 minibatches of 64; vs
#      bench/torch_cnn_mnist.py --batches 100.
# netsim's figure is the epoch's seconds from history.csv (shuffling, loading and the
# training updates). Needs a build, data/mnist and Debian's python3-torch with
# libopenblas0-pthread (without it torch falls back to the far slower reference BLAS).
# Usage: bash bench/mnist_models_vs_torch.sh [PEERS_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
peers=${1:-../shared/peers}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
netsim=build/apps/netsim/netsim
export MNIST_DIR="$root/data/mnist"
source bench/openblas_env.sh  # OPENBLAS_NUM_THREADS=1 and OpenBLAS's kernels for this CPU

epoch_seconds() { tail -n +2 "$1/history.csv" | cut -d, -f7 | tr '\n' ' '; }

sed -e "s|folder: ../data/mnist|folder: $root/data/mnist|" -e '/validation: test/d' examples/mnist_mlp.yaml > "$tmp/mlp.yaml"
"$netsim" train "$tmp/mlp.yaml" --out "$tmp/mlp.train" --epochs 2 --quiet > /dev/null
echo "netsim MLP: seconds per epoch of 469 batches: $(epoch_seconds "$tmp/mlp.train")"
if [[ -f "$peers/torch_mlp_mnist.py" ]]; then
  (cd "$peers" && /usr/bin/python3 torch_mlp_mnist.py --epochs 2 | grep '"event": "epoch"' |
    /usr/bin/python3 -c 'import json,sys; print("PyTorch MLP: seconds per epoch of 469 batches:", " ".join(str(round(json.loads(l)["train_s"], 3)) for l in sys.stdin))')
fi

sed -e "s|folder: ../data/mnist|folder: $root/data/mnist|" -e 's|    train: 55000 .*|    train: 6400|' \
    -e 's|    validation: 5000 .*|    validation: 0|' examples/mnist_cnn.yaml > "$tmp/cnn.yaml"
"$netsim" train "$tmp/cnn.yaml" --out "$tmp/cnn.train" --epochs 1 --quiet > /dev/null
echo "netsim CNN: seconds for 100 batches of 64: $(epoch_seconds "$tmp/cnn.train")"
/usr/bin/python3 bench/torch_cnn_mnist.py --batches 100 |
  /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print("PyTorch CNN: seconds for 100 batches of 64:", round(100 * d["s_per_batch"], 3))'
