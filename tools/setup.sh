#!/usr/bin/env bash
# Installs what building and testing socketio_emitter needs on Debian 12, then
# builds the extension. Idempotent: installed pieces are skipped.
#
#   bash tools/setup.sh          # build deps + release build
#   bash tools/setup.sh --tests  # also what the test suite needs (php-fpm, valgrind, cargo-php)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want_tests=0
[ "${1:-}" = "--tests" ] && want_tests=1

packages=(php8.2-cli php8.2-dev libclang-dev redis-server ca-certificates)
# chromium: the teams demo drives three headless browsers (playwright-core, no browser download).
[ "$want_tests" = 1 ] && packages+=(php8.2-fpm valgrind libfcgi-bin openssl procps chromium)
# tests/frameworks: Debian's Laravel 8 (no Composer) and the PHP extensions it needs.
[ "$want_tests" = 1 ] && packages+=(php-laravel-framework php8.2-mbstring php8.2-xml)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install a Rust toolchain >= 1.88 (rustup) first" >&2
  exit 1
fi

# cargo-php regenerates stubs/; it must match ext-php-rs 0.16 (introspection ABI 0.2).
if [ "$want_tests" = 1 ] && ! cargo php --version 2>/dev/null | grep -q "cargo-php 0.2.2"; then
  echo "setup: installing cargo-php 0.2.2"
  cargo install cargo-php --version 0.2.2 --locked --quiet
fi

cd "$repo"
cargo build --release --quiet
echo "setup: built $repo/target/release/libsocketio_emitter.so"
