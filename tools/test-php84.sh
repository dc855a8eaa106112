#!/usr/bin/env bash
# PHP 8.4 (Debian 13 "trixie"): builds the extension against php8.4-dev in a
# chroot made by tools/chroot.sh, then runs there the whole .phpt suite and the
# end-to-end delivery test (real Socket.IO servers and clients). Ends with
# "N passed, N failed"; exits non-zero when anything failed or nothing ran.
#
#   bash tools/test-php84.sh
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo" || exit 1

if [ -z "${1:-}" ]; then
  bash tools/chroot.sh trixie --setup-only || { echo "0 passed, 1 failed"; exit 1; }
  # Build host: the toolchain mounted, the extension built, tested and packaged.
  inside="$(mktemp)"
  bash tools/chroot.sh trixie -- bash tools/test-php84.sh --inside | tee "$inside"
  # Web host: the same chroot without Rust; the .deb installed and used.
  SIO_CHROOT_NO_TOOLCHAIN=1 bash tools/chroot.sh trixie -- bash tools/test-php84.sh --install-deb | tee -a "$inside"
  p=0; f=0
  while read -r a _ b _; do p=$((p + a)); f=$((f + b)); done < <(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$inside")
  [ "$(grep -cE '^[0-9]+ passed, [0-9]+ failed$' "$inside")" -eq 2 ] || f=$((f + 1))
  rm -f "$inside"
  echo "=== PHP 8.4 total"
  echo "$p passed, $f failed"
  [ "$f" -eq 0 ] && [ "$p" -gt 0 ]
  exit $?
fi

# Inside the chroot: PHP_CONFIG and SIO_PHP are set by tools/chroot.sh.
php="php$SIO_PHP"
target="$repo/target/php$SIO_PHP"
passed=0
failed=0
record() { echo "--- php$SIO_PHP $1: $2 passed, $3 failed"; passed=$((passed + $2)); failed=$((failed + $3)); }
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
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
fi

echo "=== build against $($php -n -r 'echo PHP_VERSION;') (API $(php-config$SIO_PHP --phpapi)) with $(rustc --version)"
if ! cargo build --release --target-dir "$target" 2>&1 | grep -vE '^\s+(Compiling|Downloaded|Downloading)' | tail -n 20; then :; fi
so="$target/release/libsocketio_emitter.so"
if [ ! -f "$so" ] || ! $php -n -d "extension=$so" -r 'exit(extension_loaded("socketio_emitter") ? 0 : 1);'; then
  record "build + load" 0 1
  echo "$passed passed, $failed failed"
  exit 1
fi
record "build + load" 1 0
export SOCKETIO_EXT="$so"

echo "=== .phpt suite on $php"
PHP="/usr/bin/$php" sh php-tests/run.sh > "$log" 2>&1 || true
sed -n '/^FAILED TEST SUMMARY/,/^=====/p' "$log" | head -n 40
p="$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)"
f="$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)"
s="$(sed -n 's/^Tests skipped *: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)"
record ".phpt" "${p:-0}" "$(( ${f:-1} + ${s:-0} ))"
[ "${p:-0}" -gt 0 ] || record ".phpt ran no test" 0 1

echo "=== end to end (tests/e2e) on $php"
PHP_BIN="$php" bash tests/e2e/run.sh > "$log" 2>&1
line="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)"
grep -E '^FAIL' "$log" | head -n 20
if [ -n "$line" ]; then record "e2e" "$(echo "$line" | cut -d' ' -f1)" "$(echo "$line" | cut -d' ' -f3)"; else tail -n 20 "$log"; record "e2e" 0 1; fi
echo "=== the .deb for $php: make deb (installed and used by --install-deb, on a chroot without Rust)"
rm -rf "$target/dist"
if DIST_DIR="$target/dist" CARGO_TARGET_DIR="$target" bash tools/deb.sh > "$log" 2>&1 && ls "$target/dist"/php"$SIO_PHP"-socketio-emitter_*.deb > /dev/null 2>&1; then
  record "make deb" 1 0
else
  tail -n 20 "$log"; record "make deb" 0 1
fi
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
