#!/usr/bin/env bash
# Thread-safe PHP (ZTS), as FrankenPHP and Apache's threaded MPMs run it.
# Builds a ZTS PHP (CLI + Apache module) from Debian's php8.2 source package
# once (kept under $SIO_CHROOT_CACHE, default /var/cache/socketio-emitter),
# builds the extension against it, runs the .phpt suite on the ZTS CLI, then
# tests/zts/threads.py: Apache event MPM, 16 threads emitting concurrently.
# Ends with "N passed, N failed".
#
#   bash tools/test-zts.sh
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo" || exit 1
cache="${SIO_CHROOT_CACHE:-/var/cache/socketio-emitter}"
prefix="$cache/php-zts"
SUITE_LABEL="ZTS "
# shellcheck source=tools/suite.sh
. "$repo/tools/suite.sh"
step() { echo "test-zts.sh $(date +%T) $*"; }

build_php() {
  local src="$cache/php-zts-src" deps=(dpkg-dev apache2 apache2-dev pkg-config libxml2-dev)
  local missing=() p
  for p in "${deps[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    step "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends "${missing[@]}" >/dev/null || return 1
  fi
  # Debian's source package (deb-src of the suites apt already uses).
  if [ ! -f /etc/apt/sources.list.d/socketio-emitter-src.sources ]; then
    sed -e 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > /etc/apt/sources.list.d/socketio-emitter-src.sources
    apt-get update -qq || return 1
  fi
  rm -rf "$src"; mkdir -p "$src"
  local v
  # The newest version first; a security mirror may list a version it no longer serves.
  for v in $(apt-cache showsrc php8.2 | sed -n 's/^Version: //p' | sort -rV | uniq); do
    step "apt-get source php8.2=$v"
    (cd "$src" && apt-get source --download-only "php8.2=$v" >/dev/null 2>&1) && break
    rm -f "$src"/*
  done
  local tarball
  tarball="$(ls "$src"/php8.2_*.orig.tar.* 2>/dev/null | head -n 1)"
  [ -n "$tarball" ] || { echo "test-zts.sh: could not download Debian's php8.2 source package" >&2; return 1; }
  tar -C "$src" -xf "$tarball" || return 1
  local dir
  dir="$(find "$src" -mindepth 1 -maxdepth 1 -type d -name 'php-[0-9]*' | head -n 1)"
  step "configure + make a ZTS PHP (CLI + Apache 2 module) from $(basename "$tarball") (5-10 min on 2 cores)"
  (cd "$dir" && ./configure --prefix="$prefix" --enable-zts --disable-all --disable-cgi --enable-cli \
      --with-apxs2=/usr/bin/apxs2 --enable-pcntl --enable-posix --enable-sockets --enable-tokenizer \
      --enable-ctype --enable-filter > "$src/configure.log" 2>&1) || { tail -n 20 "$src/configure.log"; return 1; }
  (cd "$dir" && make -j"$(nproc)" > "$src/make.log" 2>&1) || { tail -n 20 "$src/make.log"; return 1; }
  # Not `make install`: its Apache step would register the module in /etc/apache2.
  (cd "$dir" && make install-cli install-build install-headers install-programs > "$src/install.log" 2>&1) \
    || { tail -n 20 "$src/install.log"; return 1; }
  install -D -m 0755 "$dir/libs/libphp.so" "$prefix/lib/libphp.so"
  "$prefix/bin/php" -n -r 'exit(PHP_ZTS ? 0 : 1);'
}

if [ ! -x "$prefix/bin/php" ] || [ ! -f "$prefix/lib/libphp.so" ] || ! "$prefix/bin/php" -n -r 'exit(PHP_ZTS ? 0 : 1);' 2>/dev/null; then
  build_php || { record "PHP build" 0 1; finish; }
fi
step "$("$prefix/bin/php" -n -v | head -n 1)"

step "build the extension against it"
target="$repo/target/zts"
PHP="$prefix/bin/php" PHP_CONFIG="$prefix/bin/php-config" cargo build --release --target-dir "$target" 2>&1 | grep -vE '^\s+(Compiling|Downloaded|Downloading)' | tail -n 20
so="$target/release/libsocketio_emitter.so"
if [ -f "$so" ] && "$prefix/bin/php" -n -d "extension=$so" -r 'exit(extension_loaded("socketio_emitter") ? 0 : 1);'; then
  record "build + load" 1 0
else
  record "build + load" 0 1; finish
fi
export SOCKETIO_EXT="$so"

step ".phpt suite on the ZTS CLI"
suite ".phpt" env PHP="$prefix/bin/php" RUN_TESTS="$prefix/lib/php/build/run-tests.php" sh php-tests/run.sh

step "threads emitting concurrently: Apache event MPM + ZTS mod_php (tests/zts/threads.py)"
chmod o+rx "$repo" "$target" "$target/release" 2>/dev/null || true
suite "threads" python3 tests/zts/threads.py "$prefix" "$so"
finish
