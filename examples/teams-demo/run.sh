#!/usr/bin/env bash
# The teams demo in three headless Chromium browsers (see test.js). Needs the
# built extension (target/release/libsocketio_emitter.so), redis-server, php,
# node and Debian's chromium (apt-get install -y chromium).
#
#   bash examples/teams-demo/run.sh      # prints "N passed, N failed"
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "chromium not found: apt-get install -y chromium (or set CHROMIUM=/path)" >&2
  exit 1
fi
# The Node server's packages and this test's (playwright-core, no browser download).
for dir in "$here/../node" "$here"; do
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --silent)
  fi
done
exec node "$here/test.js"
