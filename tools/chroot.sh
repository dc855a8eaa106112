#!/usr/bin/env bash
# Runs a command inside a Debian chroot that has another PHP than the host's,
# with this repository, the host's Rust toolchain and CA bundle mounted at the
# same paths. The chroot is made on first use (debootstrap, minbase) and kept
# under $SIO_CHROOT_CACHE (default /var/cache/socketio-emitter).
#
#   bash tools/chroot.sh trixie -- php8.4 -v
#   bash tools/chroot.sh trixie --setup-only
#
# Known suites: trixie (Debian 13, PHP 8.4). Needs root (debootstrap, mount, chroot).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
suite="${1:?usage: tools/chroot.sh SUITE [--setup-only | -- COMMAND...]}"
shift
case "$suite" in
  trixie) php=8.4 ;;
  *) echo "chroot.sh: unknown suite $suite (known: trixie)" >&2; exit 2 ;;
esac
cache="${SIO_CHROOT_CACHE:-/var/cache/socketio-emitter}"
root="$cache/$suite"
# What the builds and tests inside need: PHP with its dev files (run-tests.php,
# php-config), php-fpm, Redis, Node for the end-to-end test, clang for bindgen.
packages="php$php-cli php$php-dev php$php-fpm redis-server nodejs libclang-dev gcc libc6-dev procps ca-certificates dpkg-dev fakeroot python3"
mirror="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)"
mirror="${mirror:-http://deb.debian.org/debian}"

step() { echo "chroot.sh [$suite] $(date +%T) $*"; }

if [ ! -x "$root/usr/bin/php$php" ]; then
  command -v debootstrap >/dev/null || {
    step "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 debootstrap >/dev/null
  }
  if [ ! -x "$root/usr/bin/apt-get" ]; then
    step "debootstrap $suite from $mirror into $root (about 1 min)"
    rm -rf "$root"
    mkdir -p "$cache"
    debootstrap --variant=minbase --include=ca-certificates "$suite" "$root" "$mirror" > "$cache/$suite-debootstrap.log" 2>&1 \
      || { tail -n 20 "$cache/$suite-debootstrap.log"; exit 1; }
  fi
  # A bare chroot has no /etc/hosts (localhost would not resolve) nor a resolver.
  printf '127.0.0.1 localhost\n::1 localhost ip6-localhost\n' > "$root/etc/hosts"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  # Packages must not start services inside the chroot.
  printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
  chmod +x "$root/usr/sbin/policy-rc.d"
fi
# Packages added to the list since the chroot was made are installed too.
missing="$(for p in $packages; do chroot "$root" dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"; done | tr '\n' ' ')"
if [ -n "${missing// /}" ]; then
  step "installing $missing"
  chroot "$root" bash -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing" \
    > "$cache/$suite-apt.log" 2>&1 || { tail -n 20 "$cache/$suite-apt.log"; exit 1; }
fi

[ "${1:-}" = "--setup-only" ] && { step "ready: $(chroot "$root" "php$php" -n -v | head -n 1)"; exit 0; }
[ "${1:-}" = "--" ] && shift
[ "$#" -gt 0 ] || { echo "chroot.sh: no command" >&2; exit 2; }

# Mount points: everything mounted here is unmounted on exit, in reverse order,
# so the cache can be deleted safely afterwards.
mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
bind() { # host path → same path inside
  [ -e "$1" ] || return 0
  mkdir -p "$root$1"
  mount --bind "$1" "$root$1"
  mounted+=("$root$1")
}
mkdir -p "$root/proc" "$root/dev"
mount -t proc proc "$root/proc"; mounted+=("$root/proc")
bind /dev
bind /dev/pts
bind /dev/shm
bind "$repo"
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
rustup_home="${RUSTUP_HOME:-$HOME/.rustup}"
# SIO_CHROOT_NO_TOOLCHAIN=1: a web host as users have it, with no Rust.
if [ -z "${SIO_CHROOT_NO_TOOLCHAIN:-}" ]; then
  bind "$cargo_home"
  bind "$rustup_home"
fi

chroot "$root" /usr/bin/env -i \
  HOME="$HOME" CARGO_HOME="$cargo_home" RUSTUP_HOME="$rustup_home" \
  PATH="$cargo_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  PHP="/usr/bin/php$php" PHP_CONFIG="/usr/bin/php-config$php" SIO_PHP="$php" CI="${CI:-}" TERM=dumb LANG=C.UTF-8 \
  bash -c 'cd "$0" && exec "$@"' "$repo" "$@"
