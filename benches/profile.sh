#!/usr/bin/env bash
# Instruction counts (valgrind callgrind) and syscalls (strace -c) per operation of
# the benchmark's cases, with the top functions of ours. Not part of run.sh (slow):
#   bash benches/profile.sh [case ...]     (default: every case below)
# Per-op figures are the difference between a run of N2 and one of N1 operations,
# divided by N2-N1, so PHP start-up and warm-up cancel out. Needs valgrind, strace.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SO_SRC="${SOCKETIO_EXT:-$HERE/../target/release/libsocketio_emitter.so}"
CASES=("$@")
[ ${#CASES[@]} -gt 0 ] || CASES=(seq-a seq-b seq-c seq-ours seq-ours-deferred big-msgpack big-ours big-json)
for t in valgrind callgrind_annotate strace redis-server; do
  command -v $t >/dev/null || { echo "missing: $t (apt-get install valgrind strace redis-server)" >&2; exit 1; }
done
WORK="$(mktemp -d /tmp/sio-profile.XXXXXX)"
cp "$SO_SRC" "$WORK/socketio_emitter.so"
PHP=(php -n -d extension=igbinary.so -d extension=msgpack.so -d extension=redis.so -d "extension=$WORK/socketio_emitter.so" -d memory_limit=1G)
PORT=$(php -n -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo explode(":", stream_socket_get_name($s, false))[1];')
redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --logfile "$WORK/redis.log" &
RPID=$!
trap 'kill $RPID 2>/dev/null; wait $RPID 2>/dev/null; [ "${KEEP_TMP:-0}" = 1 ] && echo "kept $WORK" || rm -rf "$WORK"' EXIT
for _ in $(seq 100); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.05; done

total_ir() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }'; }
printf '%-20s %14s %10s  %s\n' case "Ir/op" "syscalls/op" "syscalls per op by name"
for c in "${CASES[@]}"; do
  if [[ $c == big-* ]]; then N1=2; N2=12; else N1=2000; N2=12000; fi
  for n in $N1 $N2; do
    timeout 600 valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.$c.$n" "${PHP[@]}" "$HERE/php/profile.php" "$PORT" "$c" "$n" > /dev/null 2> "$WORK/vg.$c.$n.log" \
      || { echo "$c: valgrind failed, see $WORK/vg.$c.$n.log"; KEEP_TMP=1; continue 2; }
    timeout 120 strace -f -c -o "$WORK/st.$c.$n" "${PHP[@]}" "$HERE/php/profile.php" "$PORT" "$c" "$n" > /dev/null 2>&1
  done
  ir=$(( ($(total_ir "$WORK/cg.$c.$N2") - $(total_ir "$WORK/cg.$c.$N1")) / (N2 - N1) ))
  sys=$(join <(awk 'NF >= 5 && $NF != "total" && $NF != "syscall" { print $NF, $4 }' "$WORK/st.$c.$N2" | sort) \
             <(awk 'NF >= 5 && $NF != "total" && $NF != "syscall" { print $NF, $4 }' "$WORK/st.$c.$N1" | sort) \
        | awk -v d=$(( N2 - N1 )) '{ x = ($2 - $3) / d; if (x >= 0.5) { s = s sprintf("%s %.1f  ", $1, x); t += x } } END { printf "%.1f|%s", t, s }')
  printf '%-20s %14s %10s  %s\n' "$c" "$ir" "${sys%%|*}" "${sys#*|}"
done
for c in seq-ours big-ours; do
  [ -f "$WORK/cg.$c.12" ] && f="$WORK/cg.$c.12" || f="$WORK/cg.$c.12000"
  [ -f "$f" ] || continue
  echo; echo "== top functions (self Ir, whole run incl. start-up) of $c"
  callgrind_annotate "$f" 2>/dev/null | awk '/file:function/ { on = 1; getline; next } on && NF' | head -25 | cut -c1-170
done
