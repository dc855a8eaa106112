#!/usr/bin/env bash
# Installs what building and testing socketio_emitter needs on Debian 12, then
# builds the extension. Idempotent: installed pieces are skipped. Each step
# prints a line with the seconds elapsed; cargo shows its own progress.
#
#   bash tools/setup.sh          # build deps + release build
#   bash tools/setup.sh --tests  # also what the test suite needs (php-fpm, valgrind,
#                                # cargo-php, apache2 + mod_php, packaging tools)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want_tests=0
[ "${1:-}" = "--tests" ] && want_tests=1
SECONDS=0
step() { echo "setup [${SECONDS}s]: $*"; }

# python3: tools/ini.sh, tools/redis.sh, tests/faults; node/npm: tests/e2e,
# tests/golden, examples/node.
packages=(php8.2-cli php8.2-dev libclang-dev redis-server ca-certificates python3 git)
# chromium: the teams demo drives three headless browsers (playwright-core, no browser download).
# dpkg-dev/fakeroot/zip/unzip: make deb / make dist; apache2 + mod_php: the LAMP test
# (installing them does not start Apache where policy-rc.d forbids it; the test runs its own).
[ "$want_tests" = 1 ] && packages+=(php8.2-fpm valgrind libfcgi-bin openssl procps chromium
  dpkg-dev fakeroot zip unzip apache2 libapache2-mod-php8.2 curl util-linux)
# tests/frameworks: Debian's Laravel 8 (no Composer) and the PHP extensions it needs.
[ "$want_tests" = 1 ] && packages+=(php-laravel-framework php8.2-mbstring php8.2-xml)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  step "installing ${missing[*]} (apt-get)"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
    echo "setup: could not install ${missing[*]}: install them with apt-get (Debian 12 package names) and run this again" >&2
    exit 1
  fi
fi
for tool in php node npm python3 redis-server; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup: $tool is still missing after apt-get; install it and run this again" >&2; exit 1; }
done
step "packages present (php $(php -r 'echo PHP_VERSION;'), node $(node --version), $(python3 --version))"

# The Rust toolchain: rust-toolchain.toml pins it. rustup selects it by itself
# (and would try to download it when missing, which build machines cannot:
# say so plainly instead).
want_rust="$(sed -n 's/^channel = "\(.*\)"/\1/p' "$repo/rust-toolchain.toml")"
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install Rust $want_rust (https://rustup.rs: rustup toolchain install $want_rust --component clippy)" >&2
  exit 1
fi
have_rust="$(cd "$repo" && RUSTUP_AUTO_INSTALL=0 rustc --version 2>/dev/null | cut -d' ' -f2 || true)"
if [ "$have_rust" != "$want_rust" ]; then
  echo "setup: Rust $want_rust is required (rust-toolchain.toml), found '${have_rust:-none}'." >&2
  echo "setup: install it with: rustup toolchain install $want_rust --component clippy" >&2
  echo "setup: (without network: an installed toolchain of that version can be linked: rustup toolchain link $want_rust <its path>)" >&2
  exit 1
fi
step "Rust $have_rust (rust-toolchain.toml)"

# cargo-php regenerates stubs/; it must match ext-php-rs 0.16 (introspection ABI 0.2).
if [ "$want_tests" = 1 ] && ! cargo php --version 2>/dev/null | grep -q "cargo-php 0.2.2"; then
  step "installing cargo-php 0.2.2"
  cargo install cargo-php --version 0.2.2 --locked
fi

cd "$repo"
step "cargo build --release"
cargo build --release
step "built ${CARGO_TARGET_DIR:-$repo/target}/release/libsocketio_emitter.so"
