#!/usr/bin/env bash
# Checks netsim as a package, as a C++ user meets it (CI runs this after the tests):
#   1. `cmake --install` into a temporary prefix, moved elsewhere (relocatable), and the
#      consumer project (examples/consumer) built against it with find_package(netsim 0.2)
#      and run; 1b. every installed header compiled alone;
#   2. the same program built with pkg-config (netsim.pc) and run;
#   3. the consumer built with add_subdirectory(netsim source tree) and run (netsim's
#      tests and examples are not built);
#   4. the .deb made by CPack, its control fields and file list printed and checked.
# Needs the build of scripts/setup.sh (BUILD_DIR, default build).
#
#   bash scripts/package_check.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$(pwd)

echo "== 1. install, move the tree, find_package(netsim 0.2) from the consumer project"
cmake --install "$BUILD_DIR" --prefix "$work/installed" >/dev/null
mv "$work/installed" "$work/moved"
cmake -S examples/consumer -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/moved" >/dev/null
cmake --build "$work/consumer" -j "$JOBS" >/dev/null
(cd "$work" && "$work/consumer/consumer" "$work/params1.npz")
"$work/moved/bin/netsim" --version
# netsimConfigVersion.cmake: 0.2 is found, 0.3 (another minor version under 0.x) is not.
mkdir -p "$work/probe"
printf 'cmake_minimum_required(VERSION 3.21)\nproject(probe LANGUAGES CXX)\nfind_package(netsim ${V} REQUIRED)\n' > "$work/probe/CMakeLists.txt"
cmake -S "$work/probe" -B "$work/probe/ok" -DV=0.2 -DCMAKE_PREFIX_PATH="$work/moved" >/dev/null
if cmake -S "$work/probe" -B "$work/probe/newer" -DV=0.3 -DCMAKE_PREFIX_PATH="$work/moved" >/dev/null 2>&1; then
  echo "package_check.sh: error: find_package(netsim 0.3) accepted the 0.2 package" >&2; exit 1
fi
echo "find_package(netsim 0.2) found it, find_package(netsim 0.3) did not"

echo "== 1b. every installed header compiles on its own (pkg-config's flags)"
cflags=$(PKG_CONFIG_PATH="$work/moved/lib/pkgconfig" pkg-config --cflags netsim)
headers=$(cd "$work/moved/include" && find netsim -name '*.h' | sort)
failed=$(cd "$work" && printf '%s\n' $headers | xargs -P "$JOBS" -I{} sh -c \
  'printf "#include <%s>\n" "$1" | g++ -x c++ -fsyntax-only $2 - >/dev/null 2>&1 || echo "$1"' _ {} "$cflags")
if [[ -n $failed ]]; then
  echo "package_check.sh: error: these installed headers do not compile on their own: $(echo $failed)" >&2; exit 1
fi
echo "$(echo "$headers" | wc -l) headers, each alone: ok"

echo "== 2. pkg-config"
PKG_CONFIG_PATH="$work/moved/lib/pkgconfig" pkg-config --modversion netsim
g++ -O1 examples/consumer/main.cpp -o "$work/consumer_pc" \
    $(PKG_CONFIG_PATH="$work/moved/lib/pkgconfig" pkg-config --cflags --libs netsim)
(cd "$work" && "$work/consumer_pc" "$work/params2.npz")
# -march=native reaches consumers only from a build made with it (NETSIM_NATIVE), so that
# they compile Eigen's templates as the libraries did; the default build is portable.
native=$(sed -n 's/^NETSIM_NATIVE:BOOL=//p' "$BUILD_DIR/CMakeCache.txt")
pc_native=no; [[ $cflags == *-march=native* ]] && pc_native=yes    # (step 1b's flags)
want=no; [[ $native == ON ]] && want=yes
if [[ $pc_native != "$want" ]]; then
  echo "package_check.sh: error: netsim.pc's -march=native ($pc_native) does not match the build's NETSIM_NATIVE ($native)" >&2; exit 1
fi
echo "netsim.pc: -march=native $pc_native, as the build (NETSIM_NATIVE=${native:-OFF})"
if [[ -f $work/moved/lib/pkgconfig/netsim-mpi.pc ]]; then
  mpi_libs=$(PKG_CONFIG_PATH="$work/moved/lib/pkgconfig" pkg-config --libs netsim-mpi)
  [[ $mpi_libs == *-lnetsim_mpi* ]] ||
    { echo "package_check.sh: error: pkg-config --libs netsim-mpi lacks -lnetsim_mpi" >&2; exit 1; }
  echo "netsim-mpi.pc: $(echo "$mpi_libs" | wc -w) link flags, -lnetsim_mpi among them"
fi

echo "== 3. add_subdirectory(netsim) from the consumer project"
cmake -S examples/consumer -B "$work/subdir" -DNETSIM_SOURCE_DIR="$root" >/dev/null
cmake --build "$work/subdir" -j "$JOBS" >/dev/null
if [[ -e $work/subdir/netsim/tests/netsim_tests || -e $work/subdir/netsim/bench ]]; then
  echo "package_check.sh: error: add_subdirectory built netsim's tests or benchmarks" >&2; exit 1
fi
(cd "$work" && "$work/subdir/consumer" "$work/params3.npz")

echo "== 4. the .deb"
(cd "$BUILD_DIR" && cpack -G DEB >/dev/null)
deb=$(ls "$BUILD_DIR"/netsim_*_amd64.deb)
dpkg-deb -f "$deb" Package Version Depends Recommends
dpkg-deb -c "$deb" | awk '{print $6}' > "$work/files"
for f in ./usr/bin/netsim ./usr/include/netsim/netsim.h ./usr/lib/libnetsim_core.a \
         ./usr/lib/cmake/netsim/netsimConfig.cmake ./usr/lib/cmake/netsim/netsimConfigVersion.cmake \
         ./usr/lib/pkgconfig/netsim.pc ./usr/share/netsim/plot_report.py ./usr/share/netsim/plot_probes.py; do
  grep -qx "$f" "$work/files" || { echo "package_check.sh: error: $deb lacks $f" >&2; exit 1; }
done
echo "$(basename "$deb"): $(stat -c %s "$deb") bytes, $(wc -l < "$work/files") entries"
echo "package_check.sh: ok"
