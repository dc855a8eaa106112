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

if [ "${1:-}" != "--inside" ]; then
  bash tools/chroot.sh trixie --setup-only || { echo "0 passed, 1 failed"; exit 1; }
  exec bash tools/chroot.sh trixie -- bash tools/test-php84.sh --inside
fi

# Inside the chroot: PHP_CONFIG and SIO_PHP are set by tools/chroot.sh.
php="php$SIO_PHP"
target="$repo/target/php$SIO_PHP"
passed=0
failed=0
record() { echo "--- php$SIO_PHP $1: $2 passed, $3 failed"; passed=$((passed + $2)); failed=$((failed + $3)); }

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
log="$(mktemp)"
PHP="/usr/bin/$php" sh php-tests/run.sh > "$log" 2>&1 || true
grep -E '^(FAIL|SKIP|BORK|LEAK)' "$log" | head -n 40
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
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
