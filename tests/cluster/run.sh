#!/usr/bin/env bash
# Redis Cluster tests of socketio_emitter (redis+cluster://): a private
# 6-node cluster on loopback, real Socket.IO servers (classic and sharded
# adapters), MOVED/ASK, failover, deadlines. See cluster.js.
#
#   tests/cluster/run.sh
#
# Env: SOCKETIO_EXT (default <repo>/target/release/libsocketio_emitter.so), PHP_BIN.
# Ends with "N passed, N failed"; exits non-zero on failure.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export SOCKETIO_EXT="${SOCKETIO_EXT:-$repo/target/release/libsocketio_emitter.so}"
cd "$here" || exit 1
for tool in redis-server redis-cli node php; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool not found"; echo "0 passed, 1 failed"; exit 1; }
done
# Installed when missing, or when package-lock.json changed since (a pull that added a package).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # Exact versions from package-lock.json.
  npm ci --no-audit --no-fund || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi
# cluster.js bounds its own run time (220 s); `timeout` is a last resort.
timeout 300 node cluster.js "$@"
rc=$?
[ "$rc" -eq 124 ] && echo "0 passed, 1 failed"
exit "$rc"
