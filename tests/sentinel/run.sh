#!/usr/bin/env bash
# Redis Sentinel end to end (tests/sentinel/sentinel.js): a primary, a replica
# and three sentinels on loopback, the emitter with redis+sentinel://, a
# forced failover and a killed primary while PHP emits every 20 ms.
#
#   bash tests/sentinel/run.sh [-v]
#
# Env: SOCKETIO_EXT (default <repo>/target/release/libsocketio_emitter.so), PHP_BIN.
# Uses the npm packages of tests/e2e (installed there with npm ci if missing).
# Ends with "N passed, N failed"; exits 1 if anything failed or nothing passed.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export SOCKETIO_EXT="${SOCKETIO_EXT:-$repo/target/release/libsocketio_emitter.so}"
if [ ! -d "$repo/tests/e2e/node_modules" ]; then
  (cd "$repo/tests/e2e" && npm ci --no-audit --no-fund) || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
timeout 240 node "$here/sentinel.js" "$@" | tee "$out"
rc="${PIPESTATUS[0]}"
line="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)"
if [ -z "$line" ]; then
  echo "sentinel.js did not report a result (exit status $rc)"
  echo "0 passed, 1 failed"
  exit 1
fi
if [ "$rc" -ne 0 ] && [ "$(echo "$line" | cut -d' ' -f3)" -eq 0 ]; then
  echo "sentinel.js exited with status $rc"
  echo "$(echo "$line" | cut -d' ' -f1) passed, 1 failed"
  exit 1
fi
[ "$rc" -eq 0 ]
