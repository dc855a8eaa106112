#!/bin/sh
# Runs the .phpt suite with PHP's run-tests.php.
#
#   php-tests/run.sh                 # starts a private redis-server on a free port
#   SOCKETIO_TEST_DSN=redis://127.0.0.1:6390 php-tests/run.sh   # use that Redis instead
#   SIO_TESTS="php-tests/07*.phpt" php-tests/run.sh               # a subset
# Extra arguments are passed to run-tests.php as options.
#
# Env: SOCKETIO_EXT (default target/release/libsocketio_emitter.so), PHP (default php),
#      RUN_TESTS (default <extension dir>/build/run-tests.php).
# Exits non-zero if any test failed/borked/leaked or if zero tests passed.
# The suite must run sequentially (no -j): tests share the default "socket.io" prefix.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PHP=${PHP:-$(command -v php)}
SO=${SOCKETIO_EXT:-$ROOT/target/release/libsocketio_emitter.so}
RUN_TESTS=${RUN_TESTS:-$("$PHP" -n -r 'echo PHP_EXTENSION_DIR;')/build/run-tests.php}
[ -f "$SO" ] || { echo "run.sh: $SO not found (cargo build --release first)" >&2; exit 2; }
[ -f "$RUN_TESTS" ] || { echo "run.sh: $RUN_TESTS not found (install php-dev)" >&2; exit 2; }

REDIS_PID=
cleanup() { [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
if [ -z "${SOCKETIO_TEST_DSN:-}" ]; then
    PORT=$("$PHP" -n -r '$s=stream_socket_server("tcp://127.0.0.1:0");$n=stream_socket_get_name($s,false);echo substr($n,strrpos($n,":")+1);')
    redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null 2>&1 &
    REDIS_PID=$!
    i=0
    until redis-cli -p "$PORT" ping >/dev/null 2>&1; do
        i=$((i + 1)); [ $i -gt 50 ] && { echo "run.sh: redis-server did not start" >&2; exit 2; }
        sleep 0.1
    done
    SOCKETIO_TEST_DSN=redis://127.0.0.1:$PORT
fi
export SOCKETIO_TEST_DSN

OUT=$(mktemp)
RCF=$(mktemp)
set +e
{
    TEST_PHP_EXECUTABLE=$PHP NO_INTERACTION=1 "$PHP" -n "$RUN_TESTS" -n \
        -d "extension=$SO" -d "socketio_emitter.dsn=$SOCKETIO_TEST_DSN" \
        -q --show-diff "$@" ${SIO_TESTS:-$ROOT/php-tests/}
    echo $? > "$RCF"
} | tee "$OUT"
set -e
RC=$(cat "$RCF")
count() { sed -n "s/^Tests $1 *: *\([0-9]*\).*/\1/p" "$OUT" | tail -n 1; }
PASSED=$(count passed)
# run-tests.php exits 0 when every test is skipped: skipped, leaked (valgrind)
# and borked tests are failures here, and so is a summary that never came.
# Only a test of a newer PHP's feature may skip, with the reason "needs PHP X.Y".
num() { c=$(count "$1"); echo "${c:-$2}"; }
VERSION_SKIPS=$(grep -cE 'SKIP.*reason: needs PHP [0-9]' "$OUT" || true)
BAD=$(( $(num failed 1) + $(num skipped 0) - VERSION_SKIPS + $(num leaked 0) + $(num borked 0) ))
[ "$VERSION_SKIPS" -eq 0 ] || echo "run.sh: $VERSION_SKIPS test(s) skipped: they need a newer PHP than this one"
rm -f "$OUT" "$RCF"
if [ "$BAD" -ne 0 ] && [ "$RC" -eq 0 ]; then RC=1; fi
if [ "${PASSED:-0}" -eq 0 ]; then
    echo "run.sh: zero tests passed" >&2
    RC=1
    BAD=$((BAD + 1))
fi
# The plain closing line every runner of this project ends with.
echo "${PASSED:-0} passed, $BAD failed"
exit $RC
