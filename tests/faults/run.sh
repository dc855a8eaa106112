#!/usr/bin/env bash
# Fault-injection tests of socketio_emitter: real redis-server and php-fpm
# processes on loopback, started and ended by this suite (see README.md).
#
#   bash tests/faults/run.sh [CHECK ...]     CHECK = 1..20, default all
#
# Env: SOCKETIO_EXT  the built extension (default <repo>/target/release/libsocketio_emitter.so)
#      PHP_BIN, PHP_FPM_BIN, KEEP_TMP=1 (keep the temp dir with logs and certificates)
# Needs: php8.2-cli, php8.2-fpm, redis-server, openssl, python3 (stdlib only).
# Ends with one "N passed, N failed" line; exits non-zero if anything failed or nothing passed.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export SOCKETIO_EXT="${SOCKETIO_EXT:-$repo/target/release/libsocketio_emitter.so}"

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
# The suite bounds every wait itself (about 1 minute in all); `timeout` is a last resort.
timeout -s TERM 300 python3 -B "$here/faults.py" "$@" 2>&1 | tee "$out"
rc="${PIPESTATUS[0]}"
if ! tail -n 1 "$out" | grep -qE '^[0-9]+ passed, [0-9]+ failed$'; then
  echo "faults.py ended without a summary (exit $rc)"
  echo "0 passed, 1 failed"
  exit 1
fi
exit "$rc"
