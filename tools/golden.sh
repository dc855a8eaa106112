#!/usr/bin/env bash
# Regenerates tests/golden/ from the official npm packages (tests/golden/gen.js,
# versions pinned in tests/golden/package-lock.json) against a private Redis.
#
#   bash tools/golden.sh          # rewrite the committed vectors
#   bash tools/golden.sh --check  # generate into a temp dir and diff (CI)
#
# The output is deterministic, so --check fails only when an npm package or the
# generator changed what reaches Redis.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$repo/tests/golden"
files=(golden-vectors.json golden-vectors-sharded.json golden-vectors-streams.json
  golden-vectors-legacy.json emitter-behaviour-checks.json)
# shellcheck source=tools/redis.sh
. "$repo/tools/redis.sh"

if [ ! -d "$dir/node_modules" ]; then
  (cd "$dir" && npm ci --no-audit --no-fund)
fi
# Always a throw-away Redis: MONITOR/PSUBSCRIBE * must see only the generator.
REDIS_DSN=""
start_private_redis
out="$(mktemp -d)"
trap 'stop_private_redis; rm -rf "$out"' EXIT
target="$dir"
[ "${1:-}" = "--check" ] && target="$out"
(cd "$dir" && REDIS_PORT="$REDIS_PORT" OUT_DIR="$target" node gen.js)

if [ "${1:-}" = "--check" ]; then
  status=0
  for f in "${files[@]}"; do
    if ! diff -u "$dir/$f" "$out/$f" > "$out/$f.diff"; then
      head -n 40 "$out/$f.diff"
      echo "tests/golden/$f differs from what the pinned npm packages produce (bash tools/golden.sh rewrites it)" >&2
      status=1
    fi
  done
  [ "$status" -eq 0 ] && echo "golden vectors: ${#files[@]} files identical to a fresh capture"
  exit "$status"
fi
echo "wrote ${files[*]} in tests/golden/"
