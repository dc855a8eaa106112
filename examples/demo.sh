#!/usr/bin/env bash
# The main job, end to end on this machine: build the extension, start Redis
# (unless REDIS_DSN is given), a Socket.IO server and a client in room team:1,
# then run examples/emit.php and show what the client received.
#
#   bash examples/demo.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash tools/setup.sh
# shellcheck source=tools/redis.sh
. tools/redis.sh
start_private_redis

(cd examples/node && [ -d node_modules ] || npm ci --no-audit --no-fund --silent)
port="$(free_port)"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_private_redis
  rm -rf "$work"
}
trap cleanup EXIT

REDIS_URL="$REDIS_DSN" PORT="$port" node examples/node/server.js > "$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q listening "$work/server.log" && break; sleep 0.1; done

EXPECT=3 TIMEOUT_MS=15000 node examples/node/client.js "http://127.0.0.1:$port" team:1 > "$work/client.log" 2>&1 &
client=$!
pids+=("$client")
for _ in $(seq 1 100); do grep -q connected "$work/client.log" && break; sleep 0.1; done

echo "--- php examples/emit.php"
REDIS_DSN="$REDIS_DSN" php -d "extension=$repo/target/release/libsocketio_emitter.so" examples/emit.php
wait "$client" || true
echo "--- what the browser-side client in room team:1 received"
cat "$work/client.log"
grep -q '"event":"avatar"' "$work/client.log"
