#!/usr/bin/env bash
# Runs commands in a fresh Debian 12 root, as on a new machine of the project's kind: the
# proof that the README's commands (and CI) need nothing that was installed here by hand.
#
#   bash scripts/fresh_machine_check.sh                the README's two commands, as the README
#                                                      writes them (its first ```sh block)
#   bash scripts/fresh_machine_check.sh -- CMD...      CMD instead (run with bash -c in the clone)
#   bash scripts/fresh_machine_check.sh --rebuild ...  make the cached base root anew first
#
# How: the base root is `debootstrap --variant=minbase bookworm` from this machine's
# configured Debian source, plus the Debian packages a new machine of this kind starts with
# (scripts/fresh_machine/base-packages-cpp.txt; those Debian does not serve are skipped and
# listed). It is kept as a tarball in the cache folder, named by a hash of the package list,
# and every run unpacks a new copy, clones this repository's HEAD into /root/netsim there,
# mounts /proc, /dev, /dev/pts and /sys, and runs the commands as root. On exit, however
# it ends (error, Ctrl-C, kill), the processes left in the root are killed, the mounts
# undone and the copy removed. Each step's time is printed; the exit status is the
# commands' own.
#
# Needs root. Environment: FRESH_ROOT_CACHE (default /var/cache/netsim/fresh-root),
# FRESH_ROOT_WORK (where copies are unpacked; default /var/tmp), KEEP_FRESH_ROOT=1 (leave
# the copy for inspection: its path is printed; remove it with this script's --clean DIR).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
cache=${FRESH_ROOT_CACHE:-/var/cache/netsim/fresh-root}
work=${FRESH_ROOT_WORK:-/var/tmp}
package_list=scripts/fresh_machine/base-packages-cpp.txt
suite=bookworm

say() { printf '%s fresh_machine_check: %s\n' "$(date +%T)" "$*"; }
die() { echo "fresh_machine_check.sh: error: $*" >&2; exit 2; }
step_start=0
begin_step() { step_start=$SECONDS; say "$1"; }
end_step() { say "$1 took $((SECONDS - step_start)) s"; }

# --- the cleanup, safe to call twice and on a half-made root ---------------------------
root=""
kill_root_processes() {
  local pid dir
  for pid in /proc/[0-9]*; do
    dir=$(readlink "$pid/root" 2>/dev/null) || continue
    [[ $dir == "$1" || $dir == "$1"/* ]] && kill -9 "${pid#/proc/}" 2>/dev/null || true
  done
}
unmount_under() {
  local mp
  # deepest first; findmnt lists every mount point below the root
  for mp in $(findmnt -rn -o TARGET | grep -F "$1/" | sort -r); do
    umount -l "$mp" 2>/dev/null || true
  done
}
remove_root() {
  local dir=$1
  [[ -n $dir && -d $dir ]] || return 0
  kill_root_processes "$dir"
  unmount_under "$dir"
  if findmnt -rn -o TARGET | grep -qF "$dir/"; then
    echo "fresh_machine_check.sh: error: mounts remain under $dir; not removing it" >&2
    return 1
  fi
  rm -rf --one-file-system "$dir"
}
# /proc, /dev (with its own /dev/pts and an empty /dev/shm) and /sys inside a root; every
# mount private, so nothing done below it reaches this machine's own /dev.
mount_system() {
  mount -t proc proc "$1/proc"
  mount --bind /dev "$1/dev"; mount --make-private "$1/dev"
  mount --bind /dev/pts "$1/dev/pts"; mount --make-private "$1/dev/pts"
  mount -t tmpfs tmpfs "$1/dev/shm"
  mount --bind /sys "$1/sys"; mount --make-private "$1/sys"
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  if [[ -n $root ]]; then
    if [[ ${KEEP_FRESH_ROOT:-0} == 1 ]]; then
      kill_root_processes "$root"; unmount_under "$root"
      say "kept $root (remove: bash scripts/fresh_machine_check.sh --clean $root)"
    else
      remove_root "$root" || status=1
    fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# --- arguments -----------------------------------------------------------------------
rebuild=0
commands=()
while (($#)); do
  case "$1" in
    --rebuild) rebuild=1; shift ;;
    --clean) [[ -n ${2:-} ]] || die "--clean needs the kept root's path"; remove_root "$(realpath "$2")"; exit ;;
    --) shift; commands=("$*"); break ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (expected --rebuild, --clean DIR, -- COMMAND, or --help)" ;;
  esac
done
[[ $(id -u) -eq 0 ]] || die "needs root (debootstrap, chroot, mounts)"
if ((${#commands[@]} == 0)); then
  # The README's commands, as the README writes them: the lines of its first ```sh block that
  # are not comments.
  mapfile -t commands < <(awk '/^```sh$/ {inside=1; next} inside && /^```/ {exit} inside' README.md |
                          grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$')
  ((${#commands[@]})) || die "README.md has no \`\`\`sh block with commands"
fi

# --- the cached base root --------------------------------------------------------------
mapfile -t packages < <(grep -v -e '^#' -e '^[[:space:]]*$' "$package_list")
key=$( { echo "$suite"; printf '%s\n' "${packages[@]}"; } | sha256sum | cut -c1-16)
tarball="$cache/debian12-cpp-$key.tar"
mirror=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -1)
mirror=${mirror:-$(sed -n 's/^deb[[:space:]]\+\(http[^[:space:]]*\)[[:space:]]\+bookworm[[:space:]].*/\1/p' /etc/apt/sources.list 2>/dev/null | head -1)}
[[ -n $mirror ]] || die "no Debian source configured in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"

mkdir -p "$cache" "$work"
if [[ $rebuild == 1 || ! -f $tarball ]]; then
  command -v debootstrap >/dev/null || bash scripts/install_packages.sh debootstrap
  root=$(mktemp -d "$work/netsim-fresh-base.XXXXXX")
  begin_step "debootstrap --variant=minbase $suite from $mirror"
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$root.debootstrap.log" 2>&1 ||
    { tail -20 "$root.debootstrap.log" >&2; rm -f "$root.debootstrap.log"; die "debootstrap failed"; }
  rm -f "$root.debootstrap.log"
  end_step "debootstrap"
  # The same sources as this machine (release, updates, security).
  rm -f "$root/etc/apt/sources.list"
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/"
  else
    grep -v -e cloud -e nodesource /etc/apt/sources.list > "$root/etc/apt/sources.list"
  fi
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  mount_system "$root"
  begin_step "the ${#packages[@]} base packages of a new machine"
  chroot "$root" apt-get update -qq
  available=()
  skipped=()
  for p in "${packages[@]}"; do
    if chroot "$root" apt-cache show --no-all-versions "$p" >/dev/null 2>&1; then available+=("$p"); else skipped+=("$p"); fi
  done
  ((${#skipped[@]} == 0)) || say "not served by Debian, skipped (${#skipped[@]}): ${skipped[*]}"
  chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${available[@]}" \
    >"$work/netsim-fresh-base.log" 2>&1 || { tail -30 "$work/netsim-fresh-base.log" >&2; die "installing the base packages failed (log: $work/netsim-fresh-base.log)"; }
  chroot "$root" apt-get clean
  rm -f "$work/netsim-fresh-base.log"
  end_step "base packages (${#available[@]})"
  unmount_under "$root"
  begin_step "packing the base root into $tarball"
  tar -C "$root" --numeric-owner -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
  end_step "packing"
  remove_root "$root"; root=""
  # older tarballs (another package list) are of no more use
  find "$cache" -maxdepth 1 -name 'debian12-cpp-*.tar' ! -path "$tarball" -delete
fi

# --- a new copy, the clone, the commands ----------------------------------------------
root=$(mktemp -d "$work/netsim-fresh.XXXXXX"); chmod 755 "$root"
begin_step "unpacking a new copy of the base root into $root"
tar -C "$root" --numeric-owner -xf "$tarball"
end_step "unpacking"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
# This machine's network set-up, which a new machine of its kind has too and no package
# brings: extra CA certificates (a TLS-inspecting egress: without them npm cannot reach its
# registry), the npm configuration that points at them, and the variables naming the bundle.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null 2>&1 || cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
fi
for f in /root/.npmrc /usr/etc/npmrc /etc/npmrc; do
  [[ -f $f ]] && { mkdir -p "$root$(dirname "$f")"; cp "$f" "$root$f"; }
done
network_environment=()
for v in NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR CURL_CA_BUNDLE REQUESTS_CA_BUNDLE GIT_SSL_CAINFO http_proxy https_proxy HTTP_PROXY HTTPS_PROXY no_proxy NO_PROXY; do
  [[ -n ${!v:-} ]] && network_environment+=("$v=${!v}")
done
git clone -q --no-hardlinks "$repo" "$root/root/netsim"
say "cloned HEAD $(git -C "$repo" rev-parse --short HEAD) into /root/netsim"
# The steering repository's shared/ sits beside the clone on a developer's machine and in CI.
[[ -d $repo/../shared ]] && cp -a "$repo/../shared" "$root/root/shared"
mount_system "$root"

status=0
for cmd in "${commands[@]}"; do
  begin_step "running: $cmd"
  if chroot "$root" env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
       LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}" NETSIM_IN_FRESH_ROOT=1 "${network_environment[@]}" \
       bash -c "cd /root/netsim && $cmd"; then
    end_step "'$cmd' passed;"
  else
    status=$?
    end_step "'$cmd' FAILED (exit $status);"
    break
  fi
done
exit "$status"
