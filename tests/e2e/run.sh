#!/usr/bin/env bash
# Conformance (golden vectors through Redis) + end-to-end (real Socket.IO
# servers and clients) tests of the socketio_emitter extension.
#
#   tests/e2e/run.sh [-v]
#
# Env: SOCKETIO_EXT  path of the built extension
#                    (default: <repo>/target/release/libsocketio_emitter.so)
#      REDIS_PORT    use the Redis on 127.0.0.1:$REDIS_PORT instead of starting
#                    a private redis-server (needs redis-server in PATH then)
#      PHP_BIN       php binary (default: php)
#
# Prints the output of the scripts, then one combined "N passed, N failed"
# line; exits 1 if anything failed or nothing passed.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export SOCKETIO_EXT="${SOCKETIO_EXT:-$repo/target/release/libsocketio_emitter.so}"

cd "$here" || exit 1
# Installed when missing, or when package-lock.json changed since (a pull that added a package).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # Exact versions from package-lock.json.
  npm ci --no-audit --no-fund || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

passed=0
failed=0
for script in conformance.js e2e.js hostile.js sharded.js streams.js roundtrip.js; do
  echo "=== $script"
  out="$(mktemp)"
  # Both scripts bound their own run time; `timeout` is a last resort.
  timeout 600 node "$script" "$@" | tee "$out"
  rc="${PIPESTATUS[0]}"
  line="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)"
  rm -f "$out"
  if [ -z "$line" ]; then
    echo "$script did not report a result"
    failed=$((failed + 1))
    continue
  fi
  passed=$((passed + $(echo "$line" | cut -d' ' -f1)))
  f="$(echo "$line" | cut -d' ' -f3)"
  failed=$((failed + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "$script exited with status $rc"
    failed=$((failed + 1))
  fi
done

echo "=== total"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
