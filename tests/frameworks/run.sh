#!/usr/bin/env bash
# The framework integrations, tested (see README.md beside this file):
# - Laravel 8 (Debian's php-laravel-framework) + examples/node/echo-server.js +
#   the real laravel-echo / socket.io-client in headless Chromium;
# - CodeIgniter 4 and 3, Yii 2 (not packaged by Debian): the examples run
#   against minimal stand-ins of the framework base classes and a private Redis.
#
#   bash tests/frameworks/run.sh      # ends with "N passed, N failed"
#
# Needs the built extension (SOCKETIO_EXT or target/release/), redis-server,
# php with php-laravel-framework, node, chromium (tools/setup.sh --tests).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export SOCKETIO_EXT="${SOCKETIO_EXT:-$repo/target/release/libsocketio_emitter.so}"
export OUT_DIR="${OUT_DIR:-$here/out}"
mkdir -p "$OUT_DIR"
passed=0
failed=0
count() { # log: adds its last "N passed, N failed" (none: one failure)
  local line
  line="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1)"
  if [ -n "$line" ]; then
    passed=$((passed + $(echo "$line" | cut -d' ' -f1)))
    failed=$((failed + $(echo "$line" | cut -d' ' -f3)))
  else
    failed=$((failed + 1))
  fi
}
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

for dir in "$repo/examples/node" "$here"; do
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --silent)
  fi
done

echo "=== examples/node/echo.js edge cases (socket.io-client, stand-in auth endpoint)"
timeout 60 node "$here/echo-module.test.js" > "$log" 2>&1
grep -vE '^[0-9]+ passed' "$log"
count "$log"

echo "=== Laravel 8 + Laravel Echo in headless Chromium"
if [ ! -f /usr/share/php/Illuminate/autoload.php ]; then
  echo "FAIL php-laravel-framework is not installed (bash tools/setup.sh --tests)"
  failed=$((failed + 1))
else
  timeout 180 node "$here/laravel-echo.test.js" > "$log" 2>&1
  grep -vE '^[0-9]+ passed' "$log"
  count "$log"
fi

for section in ci4 ci3 yii; do
  echo "=== $section example (stand-ins of the framework classes, real extension + Redis)"
  timeout 60 php -d "extension=$SOCKETIO_EXT" "$here/php-frameworks.php" "$section" > "$log" 2>&1
  grep -vE '^[0-9]+ passed' "$log"
  count "$log"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
