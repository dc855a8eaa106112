#!/usr/bin/env bash
# LAMP: the .deb installed on Apache + mod_php (prefork), as a Debian server
# runs it. A page emits; a socket.io-client connected to a socket.io 4.8 server
# on the Redis adapter (examples/node) receives it; `apachectl graceful`; the
# page is requested concurrently so several children emit; then every child
# must hold exactly one Redis connection (CLIENT LIST matched to the Apache
# pids through ss), the Apache parent none, and the old generation's closed.
#
# Apache listens on a free 127.0.0.1 port only, with its own config (the
# system's /etc/apache2 is not used); dpkg runs in a private mount namespace
# (tests/packages/lib.sh). Ends with "N passed, N failed".
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=tests/packages/lib.sh
. "$here/../packages/lib.sh"
run_isolated "${BASH_SOURCE[0]}" "$@"
# shellcheck source=tools/redis.sh
. "$repo/tools/redis.sh"
SECONDS=0
REQUESTS="${LAMP_REQUESTS:-24}"

mm="$(php-config --version | cut -d. -f1,2)"
libphp="/usr/lib/apache2/modules/libphp$mm.so"
for need in /usr/sbin/apache2 /usr/sbin/apachectl "$libphp" /usr/lib/apache2/modules/mod_mpm_prefork.so; do
  [ -e "$need" ] || { echo "$need missing: apt-get install apache2 libapache2-mod-php$mm (bash tools/setup.sh --tests)"; echo "0 passed, 1 failed"; exit 1; }
done
node_dir="$repo/examples/node"
if [ ! -d "$node_dir/node_modules" ]; then
  (cd "$node_dir" && npm ci --no-audit --no-fund --silent) || { echo "npm ci in examples/node failed"; echo "0 passed, 1 failed"; exit 1; }
fi

work="$SIO_PRIVATE_ROOT/work"
A="$work/apache"
mkdir -p "$A/htdocs" "$A/run" "$A/lock"
# Apache's children run as www-data and must read the page.
chmod 755 "$SIO_PRIVATE_ROOT" "$work" "$A" "$A/htdocs"
chown www-data "$A/lock"
private_system || { fail "private copies of dpkg's database and /etc/php"; finish; }

pids_to_kill=()
cleanup() {
  [ -f "$A/apache.pid" ] && /usr/sbin/apache2 -d "$A" -k stop >/dev/null 2>&1
  for p in "${pids_to_kill[@]}"; do kill "$p" 2>/dev/null; done
  stop_private_redis
}
trap cleanup EXIT
REDIS_DSN=""
start_private_redis

echo "=== install the .deb [${SECONDS}s]"
(cd "$repo" && DIST_DIR="$work/dist" make --no-print-directory deb) > "$work/deb.log" 2>&1 || { tail -n 20 "$work/deb.log"; fail "make deb"; finish; }
dpkg -i "$work"/dist/*.deb > "$work/install.log" 2>&1 || { cat "$work/install.log"; fail "dpkg -i"; finish; }
ini="/etc/php/$mm/mods-available/socketio_emitter.ini"
# The admin's edit of the installed conffile: where Redis is.
echo "socketio_emitter.dsn = \"$REDIS_DSN\"" >> "$ini"
check "the .deb enabled the extension for Apache's SAPI" test -L "/etc/php/$mm/apache2/conf.d/20-socketio_emitter.ini"

echo "=== socket.io server + client [${SECONDS}s]"
io_port="$(free_port)"
PORT="$io_port" REDIS_URL="$REDIS_DSN" QUIET=1 node "$node_dir/server.js" > "$work/io.log" 2>&1 &
pids_to_kill+=($!)
for _ in $(seq 1 100); do grep -qs listening "$work/io.log" && break; sleep 0.1; done
EXPECT=0 TIMEOUT_MS=120000 node "$node_dir/client.js" "http://127.0.0.1:$io_port" lamp > "$work/client.log" 2>&1 &
pids_to_kill+=($!)
for _ in $(seq 1 100); do grep -qs '^connected' "$work/client.log" && break; sleep 0.1; done
check "socket.io client connected in room 'lamp'" grep -q '^connected' "$work/client.log" || { cat "$work/io.log" "$work/client.log"; finish; }

echo "=== Apache prefork + mod_php on 127.0.0.1 [${SECONDS}s]"
http_port="$(free_port)"
cat > "$A/apache2.conf" <<CONF
ServerRoot "$A"
ServerName 127.0.0.1
Listen 127.0.0.1:$http_port
PidFile "$A/apache.pid"
Mutex file:$A/lock default
ErrorLog "$A/error.log"
LogLevel warn
User www-data
Group www-data
LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule php_module $libphp
StartServers 4
MinSpareServers 4
MaxSpareServers 8
MaxRequestWorkers 8
MaxConnectionsPerChild 0
DocumentRoot "$A/htdocs"
<Directory "$A/htdocs">
  Require all granted
</Directory>
<FilesMatch "\.php$">
  SetHandler application/x-httpd-php
</FilesMatch>
CONF
cat > "$A/envvars" <<ENV
export APACHE_RUN_USER=www-data APACHE_RUN_GROUP=www-data
export APACHE_RUN_DIR="$A/run" APACHE_LOCK_DIR="$A/lock" APACHE_LOG_DIR="$A"
ENV
cat > "$A/htdocs/emit.php" <<'PHP'
<?php
// Emits one numbered event to room 'lamp', slowly enough that concurrent
// requests land on different prefork children; says which child did it.
usleep(150000);
$seq = (int) ($_GET['seq'] ?? -1);
$n = (new SocketIO\Emitter())->to('lamp')->emit('lamp', ['seq' => $seq, 'pid' => getmypid()]);
$s = SocketIO\Emitter::stats();
echo json_encode(['seq' => $seq, 'pid' => getmypid(), 'receivers' => $n,
    'opened' => $s['connections_opened'], 'reuses' => $s['reuses']]), "\n";
PHP
chmod 644 "$A/htdocs/emit.php"
/usr/sbin/apache2 -d "$A" -k start > "$work/apache-start.log" 2>&1
for _ in $(seq 1 50); do [ -s "$A/apache.pid" ] && break; sleep 0.1; done
check "Apache started (listening on 127.0.0.1:$http_port only)" sh -c "[ -s '$A/apache.pid' ] && ss -Htln | grep -q '127.0.0.1:$http_port ' && ! ss -Htln | grep -qE '(\\*|0\\.0\\.0\\.0|\\[::\\]):$http_port '" || { cat "$work/apache-start.log" "$A/error.log"; finish; }
master="$(cat "$A/apache.pid")"
url="http://127.0.0.1:$http_port/emit.php"

received() { # seq: how many times the client got it
  grep -c "\"seq\":$1," "$work/client.log"
}
wait_received() { # seqs...
  local s
  for _ in $(seq 1 100); do
    for s in "$@"; do [ "$(received "$s")" -ge 1 ] || continue 2; done
    return 0
  done
  return 1
}

first="$(curl -s --max-time 10 "$url?seq=0")"
echo "first request: $first"
check "the page emitted (1 Socket.IO server reached)" sh -c "echo '$first' | grep -q '\"receivers\":1'"
wait_received 0; sleep 0.2
check "the socket.io client received the event once" test "$(received 0)" = 1
first_child="$(echo "$first" | sed -E 's/.*"pid":([0-9]+).*/\1/')"

echo "=== apachectl graceful [${SECONDS}s]"
gen_before="$(grep -c 'resuming normal operations' "$A/error.log")"
APACHE_CONFDIR="$A" /usr/sbin/apachectl graceful > "$work/graceful.log" 2>&1
check "apachectl graceful" test $? -eq 0 || cat "$work/graceful.log"
for _ in $(seq 1 100); do
  [ "$(grep -c 'resuming normal operations' "$A/error.log")" -gt "$gen_before" ] && break
  sleep 0.1
done
check "same master after graceful (pid $master)" test "$(cat "$A/apache.pid")" = "$master"
sleep 1

echo "=== $REQUESTS concurrent requests [${SECONDS}s]"
seq 1 "$REQUESTS" | xargs -P 8 -I{} curl -s --max-time 10 "$url?seq={}" > "$work/responses.log"
ok="$(grep -c '"receivers":1' "$work/responses.log")"
children="$(sed -E 's/.*"pid":([0-9]+).*/\1/' "$work/responses.log" | sort -u)"
nchildren="$(echo "$children" | grep -c .)"
echo "responses with receivers=1: $ok/$REQUESTS; children that emitted: $nchildren ($(echo $children))"
check "all $REQUESTS emits published" test "$ok" = "$REQUESTS"
check "several children emitted (>= 2, got $nchildren)" test "$nchildren" -ge 2
check "no child opened more than one connection (stats)" sh -c "! grep -qE '\"opened\":([2-9]|[1-9][0-9])' '$work/responses.log'"
# shellcheck disable=SC2046
wait_received $(seq 1 "$REQUESTS")
sleep 0.3
missing=""; dup=""
for s in $(seq 1 "$REQUESTS"); do
  c="$(received "$s")"
  [ "$c" = 0 ] && missing="$missing $s"
  [ "$c" -gt 1 ] && dup="$dup $s"
done
check "the client received every event exactly once (missing:${missing:- none}; duplicated:${dup:- none})" test -z "$missing$dup"

echo "=== one Redis connection per child [${SECONDS}s]"
# Local ports of the Apache processes' connections to Redis, by pid (ss -p).
ss -Htnp state established "( dport = :$REDIS_PORT )" > "$work/ss.log"
redis-cli -p "$REDIS_PORT" client list > "$work/clients.log"
apache_pids="$(pgrep -x apache2 | sort)"
conn_of() { # pid: number of its connections to Redis that Redis lists too
  local n=0 port
  for port in $(grep "pid=$1," "$work/ss.log" | awk '{print $3}' | sed -E 's/.*:([0-9]+)$/\1/'); do
    grep -q "addr=127.0.0.1:$port " "$work/clients.log" && n=$((n + 1))
  done
  echo "$n"
}
bad=""
for p in $children; do
  if echo "$apache_pids" | grep -qx "$p"; then
    n="$(conn_of "$p")"
    echo "child $p: $n connection(s)"
    [ "$n" = 1 ] || bad="$bad $p:$n"
  fi
done
check "every child that emitted holds exactly one Redis connection (CLIENT LIST)${bad:+ (pid:count$bad)}" test -z "$bad"
check "the Apache parent holds none" test "$(conn_of "$master")" = 0
total=0
for p in $apache_pids; do total=$((total + $(conn_of "$p"))); done
alive_emitters=0
for p in $children; do echo "$apache_pids" | grep -qx "$p" && alive_emitters=$((alive_emitters + 1)); done
echo "Redis connections held by Apache processes: $total; live children that emitted: $alive_emitters; CLIENT LIST entries: $(grep -c . "$work/clients.log")"
check "Apache holds exactly one connection per emitting child ($total = $alive_emitters)" test "$total" = "$alive_emitters"
# graceful replaces every child: the one that served the first request exits,
# closing its connection (Redis no longer lists it).
check "the pre-graceful child ($first_child) is gone, with its connection" sh -c "! kill -0 $first_child 2>/dev/null && [ \"\$(grep -c 'pid=$first_child,' '$work/ss.log')\" = 0 ]"
check "no PHP warning or error in Apache's log" sh -c "! grep -qiE 'PHP (Warning|Fatal|Notice)|segfault|exit signal' '$A/error.log'" || tail -n 20 "$A/error.log"

echo "[${SECONDS}s] done"
finish
