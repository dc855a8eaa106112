# Sourced by tests/packages/run.sh and tests/lamp/run.sh.
#
# Both install the .deb with the real dpkg, phpenmod and php-maintscript-helper
# of this machine, but inside a private mount namespace (unshare --mount) over
# private copies of dpkg's database, /etc/php, /var/lib/php (phpenmod's
# state), PHP's extension dir and /usr/share/doc: what they install, upgrade,
# remove and purge is invisible to every other process on the machine (other
# test runs, php-fpm pools, engineers sharing it) and disappears with the test.
# Needs root (dpkg) and unshare (util-linux).

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { # description command...: PASS when the command succeeds; returns its verdict
  local what="$1"
  shift
  if "$@"; then pass "$what"; else fail "$what"; return 1; fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}

# Re-executes the calling script inside a private mount namespace (once).
# The copies live in $SIO_PRIVATE_ROOT, removed by the outer process when done.
run_isolated() { # script args...
  if [ -n "${SIO_ISOLATED:-}" ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "needs root: the .deb is installed with dpkg -i (in a private mount namespace)"
    echo "0 passed, 1 failed"
    exit 1
  fi
  local priv rc
  priv="$(mktemp -d /tmp/sio-isolated.XXXXXX)"
  SIO_ISOLATED=1 SIO_PRIVATE_ROOT="$priv" unshare --mount --propagation private bash "$@"
  rc=$?
  rm -rf "$priv"
  exit "$rc"
}

# Inside the namespace: private copies mounted over the system's directories.
private_system() {
  local ext_dir d
  ext_dir="$(php-config --extension-dir)"
  for d in /var/lib/dpkg /etc/php /var/lib/php "$ext_dir"; do
    mkdir -p "$SIO_PRIVATE_ROOT$d"
    [ -d "$d" ] && cp -a "$d/." "$SIO_PRIVATE_ROOT$d/"
    mkdir -p "$d"
    mount --bind "$SIO_PRIVATE_ROOT$d" "$d" || return 1
  done
  mount -t tmpfs tmpfs /usr/share/doc || return 1
  touch "$SIO_PRIVATE_ROOT/dpkg.log"
  mount --bind "$SIO_PRIVATE_ROOT/dpkg.log" /var/log/dpkg.log || return 1
  # A leftover install of the extension would hide what the package does.
  if php -m 2>/dev/null | grep -qx socketio_emitter; then
    echo "socketio_emitter is already loaded by this machine's PHP: remove it (dpkg -P / make uninstall) first"
    return 1
  fi
}

# A subscriber on the private Redis counting what reaches `socket.io#/#`;
# emit() returns the number of subscribers, so 1 proves the PUBLISH arrived.
start_subscriber() { # log file
  redis-cli -p "$REDIS_PORT" subscribe 'socket.io#/#' > "$1" 2>&1 &
  SUB_PID=$!
  for _ in $(seq 1 50); do
    [ "$(redis-cli -p "$REDIS_PORT" pubsub numsub 'socket.io#/#' | tail -n 1)" = 1 ] && return 0
    sleep 0.1
  done
  return 1
}
