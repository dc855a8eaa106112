#!/usr/bin/env bash
# Runs every test of socketio_emitter and ends with one "N passed, N failed" line.
#
#   bash tools/test.sh
#
# Sections: Rust core (cargo test), clippy, the .phpt suite (run-tests.php
# against a private Redis), conformance + end-to-end with real Socket.IO
# servers and clients (tests/e2e), older Socket.IO stacks (tests/stacks), the encoder's property test (tests/property),
# PHP 8.4 in a Debian 13 chroot, a ZTS PHP with Apache's event MPM, fault injection (tests/faults), Redis Cluster (tests/cluster),
# Redis Sentinel failover (tests/sentinel), session
# rooms in real browsers (examples/teams-demo), the framework integrations
# (tests/frameworks), the benchmarks' smoke run,
# golden vectors regenerated from the pinned npm packages and diffed
# (tools/golden.sh --check), packages (tests/packages: .deb install/upgrade/
# remove/purge, phpize source build, PIE zip), Apache + mod_php with the .deb
# (tests/lamp), stubs regenerated and diffed, php -l.
# Exit status is non-zero when anything failed or nothing ran.
set -u

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo" || exit 1
bash tools/setup.sh --tests || { echo "0 passed, 1 failed"; exit 1; }
ext="$repo/target/release/libsocketio_emitter.so"
export SOCKETIO_EXT="$ext"
# shellcheck source=tools/suite.sh
. "$repo/tools/suite.sh"
log_dir="$(mktemp -d)"
trap 'rm -rf "$log_dir"' EXIT

SECONDS=0
# Each section's first line says how long the run has taken so far.
section() { echo "=== [${SECONDS}s] $*"; }

section "Rust core: cargo test"
cargo test --lib 2>&1 | tee "$log_dir/cargo.log" | grep -E "^test |test result" || true
line="$(grep -E '^test result:' "$log_dir/cargo.log" | tail -n 1)"
if [ -n "$line" ]; then
  record "cargo test" "$(echo "$line" | sed -E 's/.* ([0-9]+) passed.*/\1/')" "$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')"
else
  tail -n 30 "$log_dir/cargo.log"
  record "cargo test" 0 1
fi

section "clippy (unwrap/expect/panic banned outside tests)"
if cargo clippy --release --quiet -- -D warnings; then report "clippy" 1; else report "clippy" 0; fi

section ".phpt suite (run-tests.php, private Redis)"
suite ".phpt" sh php-tests/run.sh

section ".phpt suite again under valgrind (run-tests.php -m): no leak, no invalid access"
# pcre.jit off: valgrind cannot follow JIT-compiled regex code (false positives).
# run-tests.php runs valgrind with --trace-children=yes: the private
# redis-servers some tests start are kept out of it (valgrind reads
# VALGRIND_OPTS), or a Redis ~50× slower makes those tests miss their 1 s
# timeouts on a loaded machine; PHP's own children are still checked.
VALGRIND_OPTS="--trace-children-skip=*redis-server*" sh php-tests/run.sh -m -d pcre.jit=0 > "$log_dir/valgrind.log" 2>&1 || true
grep -E '^Tests (passed|failed|leaked)' "$log_dir/valgrind.log" || true
sed -n '/^FAILED TEST SUMMARY/,/^=====/p' "$log_dir/valgrind.log"
for f in php-tests/*.mem; do [ -f "$f" ] && { echo "--- $f"; head -n 30 "$f"; }; done
record_log ".phpt under valgrind" "$log_dir/valgrind.log"

section "conformance + end to end (tests/e2e)"
suite "e2e" bash tests/e2e/run.sh

section "older Socket.IO stacks: socket.io 2.5 + socket.io-redis 5.4 (socketio_version 2), 3.1 + socket.io-redis 6.1 (socketio_version 3), 4.8 + redis-adapter 7.2, two servers each (tests/stacks)"
suite "stacks" bash tests/stacks/run.sh

section "property test of the encoder: 50,000 random values -> Redis -> notepack.io, and a sample through socket.io (tests/property)"
suite "property" bash tests/property/run.sh

section "PHP 8.4 (Debian 13 chroot made by tools/chroot.sh): build, the .phpt suite, end to end"
suite "PHP 8.4" bash tools/test-php84.sh

section "thread-safe PHP (ZTS, built from Debian's php8.2 source): build, the .phpt suite, Apache event MPM with 16 threads emitting (tools/test-zts.sh)"
suite "ZTS" bash tools/test-zts.sh

section "fault injection: php-fpm, Redis restart/SIGSTOP/CLIENT KILL, fork, TLS, ACL, unix socket, secrets, deferred (tests/faults)"
suite "faults" bash tests/faults/run.sh

section "Redis Cluster: redis+cluster:// on a private 6-node cluster: classic and sharded adapters, routing, MOVED/ASK, failover, deadline (tests/cluster)"
suite "cluster" bash tests/cluster/run.sh

section "Redis Sentinel: primary + replica + 3 sentinels, redis+sentinel://, errors, forced failover and killed primary while PHP emits (tests/sentinel)"
suite "sentinel" bash tests/sentinel/run.sh

section "session rooms: PHP and Node derive the same rooms; teams demo in three headless Chromium browsers"
(cd examples/node && { [ -d node_modules ] || npm ci --no-audit --no-fund --silent; }) >/dev/null 2>&1
suite "room names PHP = Node" node examples/node/test-room-names.js
suite "teams demo (browsers)" bash examples/teams-demo/run.sh

section "frameworks: Laravel 8 + Laravel Echo in headless Chromium; CodeIgniter 4/3 and Yii 2 examples (tests/frameworks)"
suite "frameworks" bash tests/frameworks/run.sh

section "benchmarks, smoke run: every variant of benches/ with tiny counts (numbers not asserted)"
if bash benches/run.sh --smoke > "$log_dir/bench.log" 2>&1; then
  tail -n 5 "$log_dir/bench.log"
  report "benchmark smoke run" 1
else
  tail -n 30 "$log_dir/bench.log"
  report "benchmark smoke run" 0
fi
# Instructions per operation (callgrind, ~15 s): shown, not counted as a test.
if command -v valgrind >/dev/null; then
  bash benches/instructions.sh --smoke > "$log_dir/instr.log" 2>&1 || echo "(benches/instructions.sh --smoke failed)"
  grep '^|' "$log_dir/instr.log" || tail -n 10 "$log_dir/instr.log"
fi

section "golden vectors regenerated from the pinned npm packages (tests/golden) and diffed"
if bash tools/golden.sh --check > "$log_dir/golden.log" 2>&1; then
  tail -n 1 "$log_dir/golden.log"
  record "golden vectors in sync" 1 0
else
  tail -n 40 "$log_dir/golden.log"
  record "golden vectors in sync" 0 1
fi

section "packages: .deb (dpkg -i/upgrade/-r/-P in a private mount namespace), phpize source build, PIE zip"
suite "packages" bash tests/packages/run.sh

section "LAMP: the .deb on Apache prefork + mod_php, socket.io client, apachectl graceful, one Redis connection per child"
suite "LAMP" bash tests/lamp/run.sh

section "stubs regenerated and diffed, php -l"
if bash tools/stubs.sh --check; then record "stubs in sync" 1 0; else record "stubs in sync" 0 1; fi
lint_ok=0
lint_bad=0
while IFS= read -r f; do
  if php -l "$f" >/dev/null 2>&1; then lint_ok=$((lint_ok + 1)); else echo "php -l failed: $f"; lint_bad=$((lint_bad + 1)); fi
done < <(find stubs examples -name '*.php' 2>/dev/null)
if [ "$lint_bad" -eq 0 ]; then report "php -l" 1 "$lint_ok files"; else record "php -l" 0 "$lint_bad"; fi

printf "=== [%ss] summary%b\n" "$SECONDS" "$summary"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
