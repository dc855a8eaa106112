#!/usr/bin/env bash
# The extension against the older Socket.IO server stacks, with real servers
# and clients (see stacks.js): socket.io 2.5 + socket.io-redis 5.4
# (socketio_version 2), socket.io 3.1 + socket.io-redis 6.1 (socketio_version
# 3), socket.io 4.8 + @socket.io/redis-adapter 7.2. Uses ../e2e/lib.js.
#
#   tests/stacks/run.sh [-v]
#
# Env: SOCKETIO_EXT (default <repo>/target/release/libsocketio_emitter.so), PHP_BIN.
# Ends with "N passed, N failed"; exits non-zero on failure.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export SOCKETIO_EXT="${SOCKETIO_EXT:-$repo/target/release/libsocketio_emitter.so}"
cd "$here" || exit 1
for tool in redis-server node php; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool not found"; echo "0 passed, 1 failed"; exit 1; }
done
# Installed when missing, or when package-lock.json changed since (a pull that added a package).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # Exact versions from package-lock.json.
  npm ci --no-audit --no-fund || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi
# stacks.js bounds its own run time (200 s); `timeout` is a last resort.
timeout 260 node stacks.js "$@"
rc=$?
[ "$rc" -eq 124 ] && echo "0 passed, 1 failed"
exit "$rc"
