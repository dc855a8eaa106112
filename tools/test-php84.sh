#!/usr/bin/env bash
# PHP 8.4 (Debian 13 "trixie"): builds the extension against php8.4-dev in a
# chroot made by tools/chroot.sh, then runs there the whole .phpt suite and the
# end-to-end delivery test (real Socket.IO servers and clients), builds the
# 8.4 .deb, and installs and uses it in the same chroot without the Rust
# toolchain (a web host as users have it). Ends with "N passed, N failed";
# exits non-zero when anything failed or nothing ran.
#
#   bash tools/test-php84.sh
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo" || exit 1

if [ -z "${1:-}" ]; then
  # shellcheck source=tools/suite.sh
  . "$repo/tools/suite.sh"
  bash tools/chroot.sh trixie --setup-only || { record "chroot" 0 1; finish; }
  # Build host: the toolchain mounted, the extension built, tested and packaged.
  log="$(mktemp)"
  bash tools/chroot.sh trixie -- bash tools/test-php84.sh --inside | tee "$log"
  record_log "build host" "$log"
  # Web host: the same chroot without Rust; the .deb installed and used.
  SIO_CHROOT_NO_TOOLCHAIN=1 bash tools/chroot.sh trixie -- bash tools/test-php84.sh --install-deb | tee "$log"
  record_log "web host without Rust" "$log"
  rm -f "$log"
  finish
fi

# Inside the chroot: PHP_CONFIG and SIO_PHP are set by tools/chroot.sh.
php="php$SIO_PHP"
target="$repo/target/php$SIO_PHP"
SUITE_LABEL="php$SIO_PHP "
# shellcheck source=tools/suite.sh
. "$repo/tools/suite.sh"
log="$(mktemp)"

if [ "$1" = "--install-deb" ]; then
  echo "=== the .deb on a PHP $SIO_PHP host without Rust: dpkg -i, one emit through the installed package, dpkg -P"
  install_deb() {
    local deb port out pid r
    if command -v cargo > /dev/null || command -v rustc > /dev/null; then echo "this host has Rust"; return 1; fi
    deb="$(ls "$target/dist"/php"$SIO_PHP"-socketio-emitter_*.deb 2>/dev/null | head -n 1)"
    [ -n "$deb" ] || { echo "no .deb in $target/dist (the build step failed)"; return 1; }
    dpkg -i "$deb" > "$log" 2>&1 || { tail -n 20 "$log"; return 1; }
    $php -m | grep -qx socketio_emitter || { echo "$php -m does not list socketio_emitter after dpkg -i"; return 1; }
    port="$($php -n -r '$s=stream_socket_server("tcp://127.0.0.1:0");$n=stream_socket_get_name($s,false);echo substr($n,strrpos($n,":")+1);')"
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --pidfile "/tmp/sio-deb-$port.pid" > /dev/null
    for _ in $(seq 50); do redis-cli -p "$port" ping > /dev/null 2>&1 && break; sleep 0.1; done
    out="$(mktemp)"
    timeout 10 redis-cli -p "$port" psubscribe 'socket.io#*' > "$out" &
    pid=$!
    sleep 0.5
    # No -d extension=: the module is loaded by the package's ini (conf.d).
    r="$($php -d "socketio_emitter.dsn=redis://127.0.0.1:$port" -r 'var_export((new SocketIO\Emitter())->to("deb")->emit("from-deb", PHP_VERSION));')"
    sleep 0.3
    kill "$pid" 2>/dev/null; kill "$(cat "/tmp/sio-deb-$port.pid")" 2>/dev/null
    grep -q "from-deb" "$out" || { echo "the emit did not reach Redis (emit returned $r)"; rm -f "$out"; return 1; }
    rm -f "$out"
    echo "installed $(basename "$deb") on a host without Rust; emit returned $r and reached a subscriber"
    dpkg -P "php$SIO_PHP-socketio-emitter" > "$log" 2>&1 || { tail -n 20 "$log"; return 1; }
    ! $php -m | grep -qx socketio_emitter || { echo "still loaded after dpkg -P"; return 1; }
    [ ! -e "/etc/php/$SIO_PHP/mods-available/socketio_emitter.ini" ] || { echo "ini left after dpkg -P"; return 1; }
  }
  if install_deb; then record ".deb on a host without Rust" 1 0; else record ".deb on a host without Rust" 0 1; fi
  rm -f "$log"
  finish
fi

echo "=== build against $($php -n -r 'echo PHP_VERSION;') (API $(php-config$SIO_PHP --phpapi)) with $(rustc --version)"
if ! cargo build --release --target-dir "$target" 2>&1 | grep -vE '^\s+(Compiling|Downloaded|Downloading)' | tail -n 20; then :; fi
so="$target/release/libsocketio_emitter.so"
if [ ! -f "$so" ] || ! $php -n -d "extension=$so" -r 'exit(extension_loaded("socketio_emitter") ? 0 : 1);'; then
  record "build + load" 0 1
  finish
fi
record "build + load" 1 0
export SOCKETIO_EXT="$so"

echo "=== .phpt suite on $php"
suite ".phpt" env PHP="/usr/bin/$php" sh php-tests/run.sh

echo "=== end to end (tests/e2e) on $php"
suite "e2e" env PHP_BIN="$php" bash tests/e2e/run.sh

echo "=== the .deb for $php: make deb (installed and used by --install-deb, on a chroot without Rust)"
rm -rf "$target/dist"
if DIST_DIR="$target/dist" CARGO_TARGET_DIR="$target" bash tools/deb.sh > "$log" 2>&1 && ls "$target/dist"/php"$SIO_PHP"-socketio-emitter_*.deb > /dev/null 2>&1; then
  record "make deb" 1 0
else
  tail -n 20 "$log"; record "make deb" 0 1
fi
rm -f "$log"
finish
