# Sourced by the scripts in tools/ and examples/: a private redis-server on a
# free loopback port unless REDIS_DSN is given. Sets REDIS_DSN and REDIS_PORT.

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_private_redis() {
  if [ -n "${REDIS_DSN:-}" ]; then
    return 0
  fi
  REDIS_PORT="$(free_port)"
  REDIS_DIR="$(mktemp -d)"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --dir "$REDIS_DIR"
  for _ in $(seq 1 50); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  REDIS_DSN="redis://127.0.0.1:$REDIS_PORT"
  export REDIS_DSN REDIS_PORT
}

stop_private_redis() {
  if [ -n "${REDIS_DIR:-}" ] && [ -f "$REDIS_DIR/redis.pid" ]; then
    kill "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null || true
    rm -rf "$REDIS_DIR"
  fi
}
