#!/usr/bin/env bash
# Property test of the encoder: random PHP values through a private Redis,
# decoded by notepack.io and compared with what the README's type table says;
# then a sample through a real socket.io server to a socket.io-client.
#
#   bash tests/property/run.sh [-v]      SEED=<n> replays a run; COUNT, SAMPLE: see README.md
#
# Env: SOCKETIO_EXT (default <repo>/target/release/libsocketio_emitter.so), PHP_BIN.
# Ends with "N passed, N failed" (one check per value); exits non-zero on any failure.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export SOCKETIO_EXT="${SOCKETIO_EXT:-$repo/target/release/libsocketio_emitter.so}"
# The Node packages (notepack.io, socket.io, the adapter, the client) are tests/e2e's.
if [ ! -d "$repo/tests/e2e/node_modules" ]; then
  (cd "$repo/tests/e2e" && npm ci --no-audit --no-fund) || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi
# check.js bounds its own run time (watchdog); timeout is a last resort.
exec timeout 600 node "$here/check.js" "$@"
