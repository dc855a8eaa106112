#!/usr/bin/env bash
# Benchmarks of socketio_emitter against what a PHP team would use instead,
# measured side by side in ONE run on the same private Redis (issues 5 and 6).
#
#   bash benches/run.sh           # full run (~7 min): writes benches/RESULTS.md + benches/results.png
#   bash benches/run.sh --smoke   # every variant with tiny counts (< 60 s once installed); the
#                                 # report goes to the temp dir only; exits non-zero if a variant failed
#
# Env: SOCKETIO_EXT (the .so; default target/release/libsocketio_emitter.so),
#      KEEP_TMP=1 (keep the temp dir: logs, raw results), BENCH_OUT (where the
#      report goes; default benches/ for a full run, the temp dir for --smoke).
#
# Installs what it needs when missing (Debian, as root): php8.2-redis,
# php8.2-msgpack, php8.2-fpm, nginx, wrk, redis-tools, gnuplot-nox; npm
# packages from benches/node/package-lock.json. Starts its own redis-server,
# php-fpm and nginx on loopback, and stops them (by pid) when it ends.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
MODE=full
for a in "$@"; do
  case "$a" in
    --smoke) MODE=smoke ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown argument: $a (use --smoke or nothing)" >&2; exit 2 ;;
  esac
done
SO_SRC="${SOCKETIO_EXT:-$ROOT/target/release/libsocketio_emitter.so}"
COMMAND="bash benches/run.sh${1:+ $1}"
STARTED=$(date +%s)

if [ "$MODE" = full ]; then
  ROUNDS=3; SEQ_SECS=1.0; SEQ_MAX=3000000
  RB_N1=60000; RB_N16=600000
  WRK_SECS=5; WRK_WARM=1; WRK1_SECS=2
  ENC_ROUNDS=7; ENC_ITERS=20
  MEM_N=1000000; MEM_MAX_SECS=120
  BATCH_SECS=1.0; BATCH_MAX=5000
else
  ROUNDS=1; SEQ_SECS=0.05; SEQ_MAX=3000
  RB_N1=2000; RB_N16=20000
  WRK_SECS=1; WRK_WARM=0; WRK1_SECS=0
  ENC_ROUNDS=1; ENC_ITERS=1
  MEM_N=5000; MEM_MAX_SECS=20
  BATCH_SECS=0.05; BATCH_MAX=5
fi

log() { printf '[bench %3ss] %s\n' "$(( $(date +%s) - STARTED ))" "$*"; }

# ---------------------------------------------------------------- install
install_deps() {
  local need=()
  command -v php >/dev/null || need+=(php8.2-cli)
  [ -e /usr/lib/php/20220829/msgpack.so ] || need+=(php8.2-msgpack)
  [ -e /usr/lib/php/20220829/redis.so ] || need+=(php8.2-redis)
  [ -e /usr/lib/php/20220829/igbinary.so ] || need+=(php8.2-igbinary)
  command -v php-fpm8.2 >/dev/null || [ -x /usr/sbin/php-fpm8.2 ] || need+=(php8.2-fpm)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
  command -v wrk >/dev/null || need+=(wrk)
  command -v redis-server >/dev/null || need+=(redis-server)
  command -v redis-benchmark >/dev/null || need+=(redis-tools)
  command -v gnuplot >/dev/null || need+=(gnuplot-nox)
  command -v node >/dev/null || need+=(nodejs)
  command -v npm >/dev/null || need+=(npm)
  if [ ${#need[@]} -gt 0 ]; then
    log "installing: ${need[*]}"
    if [ "$(id -u)" != 0 ]; then echo "run as root to install ${need[*]}" >&2; exit 1; fi
    # Keep apt from starting nginx / php-fpm services on install (port 80...).
    local policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      policy=/usr/sbin/policy-rc.d
      printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"
    fi
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } \
      > "$WORK/apt.log" 2>&1
    local rc=$?
    [ -n "$policy" ] && rm -f "$policy"
    if [ $rc -ne 0 ]; then tail -20 "$WORK/apt.log"; echo "apt-get install failed" >&2; exit 1; fi
  fi
  if [ ! -f "$HERE/node/node_modules/@socket.io/redis-emitter/package.json" ] || [ ! -f "$HERE/node/node_modules/redis/package.json" ]; then
    log "npm ci in benches/node"
    (cd "$HERE/node" && npm ci --no-audit --no-fund --omit-lockfile-registry-resolved > "$WORK/npm.log" 2>&1) \
      || { tail -20 "$WORK/npm.log"; echo "npm ci failed" >&2; exit 1; }
  fi
}

# ---------------------------------------------------------------- processes
PIDS=()
FAILURES=()
WORK="$(mktemp -d /tmp/sio-bench.XXXXXX)"
chmod 755 "$WORK"
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  PIDS=()
  if [ "${KEEP_TMP:-0}" = 1 ] || [ ${#FAILURES[@]} -gt 0 ]; then echo "temp dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  php -n -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo explode(":", stream_socket_get_name($s, false))[1];'
}

wait_for() { # wait_for <seconds> <command...>
  local deadline=$(( $(date +%s%N) + $1 * 1000000000 )); shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s%N)" -lt $deadline ] || return 1
    sleep 0.05
  done
}

install_deps
if [ ! -f "$SO_SRC" ]; then
  echo "extension not built: $SO_SRC (cargo build --release, see tools/setup.sh)" >&2; exit 1
fi
# A private copy: a rebuild during the run does not change what is measured.
SO="$WORK/socketio_emitter.so"
cp "$SO_SRC" "$SO"
PHP=(php -n -d extension=igbinary.so -d extension=msgpack.so -d extension=redis.so -d "extension=$SO" -d memory_limit=1G)
"${PHP[@]}" -r 'foreach (["redis", "msgpack", "socketio_emitter"] as $e) if (!extension_loaded($e)) { fwrite(STDERR, "$e not loaded\n"); exit(1); }' \
  || { echo "PHP extensions missing" >&2; exit 1; }

RESULTS="$WORK/results.jsonl"
: > "$RESULTS"

# run_json <label> <timeout s> <command...>: the command prints JSON lines; they go
# to results.jsonl. A non-zero exit, no output, or an {"error":...} line is a failure.
run_json() {
  local label=$1 limit=$2; shift 2
  local out="$WORK/out.$$" err="$WORK/err.log"
  timeout -k 5 "$limit" "$@" > "$out" 2>> "$err"
  local rc=$?
  if [ $rc -ne 0 ] || [ ! -s "$out" ] || grep -q '"error"' "$out"; then
    FAILURES+=("$label (exit $rc)")
    log "FAILED: $label (exit $rc)"; sed 's/^/    /' "$out" | head -20; tail -5 "$err" | sed 's/^/    /'
  fi
  grep '^{' "$out" | grep -v '"error"' >> "$RESULTS"
  rm -f "$out"
}

# ---------------------------------------------------------------- redis
REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
  --logfile "$WORK/redis.log" --dir "$WORK" --maxclients 10000 &
PIDS+=($!)
wait_for 10 redis-cli -p "$REDIS_PORT" ping || { echo "redis-server did not start" >&2; cat "$WORK/redis.log"; exit 1; }
rcli() { redis-cli -p "$REDIS_PORT" "$@"; }
# "<connections received> <CPU seconds used>" of Redis, in one INFO call (which itself counts as 1 connection).
redis_figures() {
  rcli info | tr -d '\r' | awk -F: '$1 == "total_connections_received" { c = $2 } $1 == "used_cpu_sys" || $1 == "used_cpu_user" { t += $2 } END { print c, t }'
}
log "redis-server on 127.0.0.1:$REDIS_PORT, mode $MODE, rounds $ROUNDS, work dir $WORK"

# ---------------------------------------------------------------- 0. same bytes as the official emitter
log "0. conformance: every PHP emitter vs @socket.io/redis-emitter"
run_json "verify" 30 node "$HERE/node/verify.js" "$REDIS_PORT" "${PHP[@]}" "$HERE/php/verify.php"

PAYLOAD_JSON=$("${PHP[@]}" "$HERE/php/payload.php")
read -r SIZE1 SIZE10 < <("${PHP[@]}" "$HERE/php/payload.php" --sizes)

# redis_bench <measure> <rooms> <pipeline> <n>: redis-benchmark PUBLISH, one client,
# a payload of the same size as the emitters' message.
redis_bench() {
  local m=$1 rooms=$2 pipe=$3 n=$4 size channel payload
  if [ "$rooms" = 1 ]; then size=$SIZE1; channel='socket.io#/#room1#'; else size=$SIZE10; channel='socket.io#/#'; fi
  payload=$(head -c "$size" /dev/zero | tr '\0' x)
  local csv
  csv=$(timeout -k 5 120 redis-benchmark -h 127.0.0.1 -p "$REDIS_PORT" -c 1 -n "$n" -P "$pipe" --csv PUBLISH "$channel" "$payload" 2>> "$WORK/err.log")
  local rps
  rps=$(printf '%s\n' "$csv" | tail -1 | awk -F'","' '{ print $2 }')
  if [ -z "$rps" ] || [ "$rps" = "0.00" ]; then
    FAILURES+=("redis-benchmark P$pipe rooms $rooms"); log "FAILED: redis-benchmark -P $pipe: $csv"; return
  fi
  printf '{"m":"%s","variant":"e-P%s","rooms":%s,"n":%s,"rate":%s}\n' "$m" "$pipe" "$rooms" "$n" "$rps" >> "$RESULTS"
}

# ---------------------------------------------------------------- 1. sequential emits
log "1. sequential emits/s, ${SIZE1}-byte message (1 room) / ${SIZE10} bytes (10 rooms), $ROUNDS round(s)"
for round in $(seq "$ROUNDS"); do
  for rooms in 1 10; do
    for v in a b c ours ours-deferred; do
      run_json "seq $v rooms=$rooms" 60 "${PHP[@]}" "$HERE/php/seq.php" "$REDIS_PORT" "$v" "$rooms" "$SEQ_SECS" "$SEQ_MAX"
    done
    run_json "seq d rooms=$rooms" 60 node "$HERE/node/seq.js" "$REDIS_PORT" "$rooms" "$SEQ_SECS" "$SEQ_MAX" "$PAYLOAD_JSON"
    redis_bench seq "$rooms" 1 "$RB_N1"
    redis_bench seq "$rooms" 16 "$RB_N16"
  done
done

# ---------------------------------------------------------------- 2. php-fpm page
log "2. nginx → php-fpm (pm=static, 2 workers): wrk -t2 -c8 -d${WRK_SECS}s, $ROUNDS round(s)"
FPM_SOCK="$WORK/fpm.sock"
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx"
cat > "$WORK/fpm.conf" <<EOF
[global]
error_log = $WORK/fpm.log
log_level = notice
daemonize = no
[bench]
listen = $FPM_SOCK
listen.mode = 0666
listen.backlog = 1024
pm = static
pm.max_children = 2
pm.max_requests = 0
clear_env = yes
env[BENCH_REDIS_PORT] = $REDIS_PORT
EOF
php-fpm8.2 -n -R -F -y "$WORK/fpm.conf" -d extension=igbinary.so -d extension=msgpack.so -d extension=redis.so \
  -d "extension=$SO" -d zend_extension=opcache.so -d opcache.enable=1 -d opcache.validate_timestamps=0 \
  -d display_errors=0 -d log_errors=1 -d "error_log=$WORK/php-errors.log" -d error_reporting=-1 \
  > "$WORK/fpm.out" 2>&1 &
FPM_PID=$!
PIDS+=($FPM_PID)
wait_for 10 test -S "$FPM_SOCK" || { echo "php-fpm did not start" >&2; cat "$WORK/fpm.log" "$WORK/fpm.out"; exit 1; }
cat > "$WORK/nginx.conf" <<EOF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  proxy_temp_path $WORK/nginx/proxy;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $HERE/fpm;
    location ~ \.php\$ {
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
      fastcgi_pass unix:$FPM_SOCK;
    }
  }
}
EOF
nginx -c "$WORK/nginx.conf" -p "$WORK/nginx" > "$WORK/nginx.out" 2>&1 &
PIDS+=($!)
URL="http://127.0.0.1:$NGINX_PORT"
http_status() { php -n -r 'echo @file_get_contents($argv[1]) === false ? "failed" : explode(" ", $http_response_header[0])[1];' "$1"; }
page_ok() { [ "$(http_status "$URL/noemit.php")" = 200 ]; }
wait_for 10 page_ok || { echo "nginx did not start" >&2; cat "$WORK/nginx.out" "$WORK/nginx/error.log"; exit 1; }

FPM_VARIANTS=(noemit ours ours-deferred userland-pconnect userland-pconnect-noecho userland-connect phpredis-ready phpredis-ready-noecho)
for v in "${FPM_VARIANTS[@]}"; do
  s=$(http_status "$URL/$v.php")
  [ "$s" = 200 ] || { FAILURES+=("fpm page $v: HTTP $s"); log "FAILED: $v.php answered $s"; }
done

# "<user> <system>" clock ticks used so far by the php-fpm workers.
fpm_cpu() {
  local u=0 s=0 c cu cs
  for c in $(cat "/proc/$FPM_PID/task/$FPM_PID/children" 2>/dev/null); do
    read -r cu cs < <(awk '{ print $14, $15 }' "/proc/$c/stat" 2>/dev/null || echo 0 0)
    u=$(( u + cu )); s=$(( s + cs ))
  done
  echo "$u $s"
}
# wrk_run <variant> <round> <seconds> [connections]: one wrk run; records req/s, p50/p99,
# the Redis connections opened during it (minus the INFO call's own) and CPU used.
wrk_run() {
  local v=$1 round=$2 secs=$3 c=${4:-8} before after out="$WORK/wrk.out" rcpu0 rcpu1 fcpu0 fcpu1 m=fpm t=2
  [ "$c" = 8 ] || { m=fpm1; t=1; }
  local fu0 fs0 fu1 fs1
  read -r before rcpu0 < <(redis_figures); read -r fu0 fs0 < <(fpm_cpu)
  timeout -k 5 $(( secs + 30 )) wrk -t$t -c"$c" -d"${secs}s" --latency "$URL/$v.php" > "$out" 2>&1
  local rc=$?
  read -r after rcpu1 < <(redis_figures); read -r fu1 fs1 < <(fpm_cpu)
  [ "$round" = 0 ] && return
  awk -v m="$m" -v v="$v" -v round="$round" -v conns="$(( after - before - 1 ))" -v rc="$rc" \
      -v rcpu="$(awk -v a="$rcpu0" -v b="$rcpu1" 'BEGIN { print b - a }')" -v fcpu="$(( fu1 + fs1 - fu0 - fs0 ))" -v fsys="$(( fs1 - fs0 ))" -v tck="$(getconf CLK_TCK)" '
    function ms(x) { if (x ~ /us$/) return x * 0.001; if (x ~ /ms$/) return x + 0; if (x ~ /s$/) return x * 1000; return x }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    /requests in/ { reqs = $1 }
    /Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /Socket errors:/ { errors = $0; sub(/.*Socket errors: /, "", errors) }
    END { printf "{\"m\":\"%s\",\"variant\":\"%s\",\"round\":%d,\"rate\":%s,\"requests\":%d,\"p50_ms\":%s,\"p99_ms\":%s,\"conns\":%d,\"non2xx\":%d,\"socket_errors\":\"%s\",\"rc\":%d,\"redis_cpu_s\":%s,\"fpm_cpu_s\":%s,\"fpm_sys_s\":%s}\n",
      m, v, round, rps + 0, reqs + 0, p50 + 0, p99 + 0, conns, bad + 0, errors, rc, rcpu + 0, fcpu / tck, fsys / tck }' "$out" >> "$RESULTS"
  if [ $rc -ne 0 ] || grep -q 'Non-2xx' "$out"; then
    FAILURES+=("wrk $v round $round"); log "FAILED: wrk $v round $round"; sed 's/^/    /' "$out"
  fi
}
if [ "$WRK_WARM" -gt 0 ]; then
  for v in "${FPM_VARIANTS[@]}"; do wrk_run "$v" 0 "$WRK_WARM"; done # warm-up: opcache, persistent connections
fi
for round in $(seq "$ROUNDS"); do
  # Interleaved, and the order rotates each round.
  for i in $(seq 0 $(( ${#FPM_VARIANTS[@]} - 1 ))); do
    v=${FPM_VARIANTS[$(( (i + round - 1) % ${#FPM_VARIANTS[@]} ))]}
    wrk_run "$v" "$round" "$WRK_SECS"
  done
done
if [ "$WRK1_SECS" -gt 0 ]; then
  log "2b. the same pages, one connection at a time (wrk -t1 -c1 -d${WRK1_SECS}s), $ROUNDS round(s)"
  for round in $(seq "$ROUNDS"); do
    for i in $(seq 0 $(( ${#FPM_VARIANTS[@]} - 1 ))); do
      wrk_run "${FPM_VARIANTS[$(( (i + round - 1) % ${#FPM_VARIANTS[@]} ))]}" "$round" "$WRK1_SECS" 1
    done
  done
fi
if [ -s "$WORK/php-errors.log" ]; then
  FAILURES+=("php-fpm logged errors"); log "FAILED: php-fpm error log:"; head -20 "$WORK/php-errors.log" | sed 's/^/    /'
fi

# ---------------------------------------------------------------- 3. encoding 1 MB
log "3. ~1 MB nested payload: ours vs msgpack_pack + publish vs json_encode + publish"
run_json "encode" 120 "${PHP[@]}" "$HERE/php/encode.php" "$REDIS_PORT" "$ENC_ROUNDS" "$ENC_ITERS"

# ---------------------------------------------------------------- 5. batching
log "5. 1,000 emits: batch() vs unbatched vs redis-benchmark -P 16, $ROUNDS round(s)"
for round in $(seq "$ROUNDS"); do
  for v in ours-batch ours-deferred-batch ours b-pipeline; do
    run_json "batch $v" 60 "${PHP[@]}" "$HERE/php/batch.php" "$REDIS_PORT" "$v" "$BATCH_SECS" "$BATCH_MAX"
  done
  redis_bench batch 1 16 "$RB_N16"
done

# ---------------------------------------------------------------- 4. memory
log "4. memory: RSS and memory_get_usage() around $MEM_N emits (sync, then deferred)"
for v in ours ours-deferred; do
  run_json "memory $v" $(( MEM_MAX_SECS + 30 )) "${PHP[@]}" "$HERE/php/memory.php" "$REDIS_PORT" "$v" "$MEM_N" "$MEM_MAX_SECS"
done

# ---------------------------------------------------------------- report
log "report"
OUT="${BENCH_OUT:-}"
if [ -z "$OUT" ]; then if [ "$MODE" = full ]; then OUT="$HERE"; else OUT="$WORK"; fi; fi
mkdir -p "$OUT"
GIT_COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
GIT_DIRTY=$(git -C "$ROOT" status --porcelain -- src Cargo.toml Cargo.lock 2>/dev/null | wc -l)
cat > "$WORK/meta.json" <<EOF
$(php -n -r '
$cpu = "";
foreach (file("/proc/cpuinfo") as $l) { if (str_starts_with($l, "model name")) { $cpu = trim(explode(":", $l, 2)[1]); break; } }
echo json_encode([
  "mode" => $argv[1], "command" => $argv[2], "nproc" => (int) trim(shell_exec("nproc")), "cpu" => $cpu,
  "kernel" => php_uname("r"), "os" => trim(@file_get_contents("/etc/debian_version") ?: ""),
  "php" => PHP_VERSION, "redis_server" => trim(shell_exec("redis-server --version")),
  "node" => trim(shell_exec("node -v")), "nginx" => trim(shell_exec("nginx -v 2>&1")),
  "wrk" => trim(explode("\n", shell_exec("wrk -v 2>&1"))[0]),
  "commit" => $argv[3], "dirty_files" => (int) $argv[4], "so_sha256" => substr(hash_file("sha256", $argv[5]), 0, 16),
  "date" => gmdate("Y-m-d H:i") . " UTC", "seconds" => time() - (int) $argv[6],
  "rounds" => (int) $argv[7], "wrk_secs" => (int) $argv[8], "mem_n" => (int) $argv[9],
  "failures" => array_values(array_filter(explode("\n", $argv[10]))),
], JSON_UNESCAPED_SLASHES);' "$MODE" "$COMMAND" "$GIT_COMMIT" "$GIT_DIRTY" "$SO" "$STARTED" "$ROUNDS" "$WRK_SECS" "$MEM_N" "$(printf '%s\n' "${FAILURES[@]}")")
EOF
"${PHP[@]}" "$HERE/php/report.php" "$RESULTS" "$WORK/meta.json" "$OUT" || FAILURES+=("report")
if [ -f "$OUT/results.gp" ]; then
  (cd "$OUT" && gnuplot results.gp) 2>> "$WORK/err.log" || FAILURES+=("chart (gnuplot)")
  rm -f "$OUT/results.gp" "$OUT/results-seq.dat" "$OUT/results-fpm.dat" "$OUT/results-batch.dat"
fi
# The callgrind table (issue 16) is part of a full report: benches/instructions.sh writes its section.
if [ "$MODE" = full ] && [ "$OUT" = "$HERE" ] && command -v valgrind >/dev/null; then
  log "instructions per operation (callgrind)"
  SOCKETIO_EXT="$SO_SRC" bash "$HERE/instructions.sh" > "$WORK/instructions.log" 2>&1 || FAILURES+=("instructions (callgrind)")
fi
if [ "$MODE" = smoke ]; then
  sed -n '/^## Targets/,/^!\[/p' "$OUT/RESULTS.md" | grep '^|'
fi

if [ "$OUT" = "$WORK" ] && [ "${KEEP_TMP:-0}" != 1 ] && [ ${#FAILURES[@]} -eq 0 ]; then
  log "done in $(( $(date +%s) - STARTED )) s (report not kept: KEEP_TMP=1 keeps $WORK)"
else
  log "done in $(( $(date +%s) - STARTED )) s: $OUT/RESULTS.md"
fi
if [ ${#FAILURES[@]} -gt 0 ]; then
  echo "FAILED variants: ${FAILURES[*]}"
  exit 1
fi
echo "all variants ran"
