#!/usr/bin/env bash
# Writes (enable) or removes (disable) socketio_emitter.ini so every PHP SAPI loads the extension.
set -euo pipefail
action="${1:-enable}"
ini_body='; socketio_emitter: Socket.IO emitter through the Redis adapter
; priority=20
extension=socketio_emitter.so
;socketio_emitter.dsn = "redis://127.0.0.1:6379"
;socketio_emitter.prefix = "socket.io"
'
if command -v phpenmod >/dev/null 2>&1; then
  version="$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')"
  mods="/etc/php/$version/mods-available"
  if [ "$action" = enable ]; then
    printf '%s' "$ini_body" > "$mods/socketio_emitter.ini"
    phpenmod -v "$version" socketio_emitter
  else
    phpdismod -v "$version" socketio_emitter || true
    rm -f "$mods/socketio_emitter.ini"
  fi
else
  dir="$(php-config --ini-dir)"
  if [ "$action" = enable ]; then
    printf '%s' "$ini_body" > "$dir/20-socketio_emitter.ini"
  else
    rm -f "$dir/20-socketio_emitter.ini"
  fi
fi
echo "socketio_emitter: $action done"
