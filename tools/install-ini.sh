#!/usr/bin/env bash
# Writes (enable) or removes (disable) socketio_emitter.ini so every PHP SAPI
# of the PHP that $PHP_CONFIG (default php-config) names loads the extension.
# An ini that already exists is kept (it may hold your settings): enable only
# (re)creates the conf.d links. The file's content comes from tools/ini.sh.
#
#   PHP_CONFIG=/usr/bin/php-config8.2 bash tools/install-ini.sh enable|disable
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
action="${1:-enable}"
php_config="${PHP_CONFIG:-php-config}"
version="$("$php_config" --version | cut -d. -f1,2)"

write_ini() { # path
  if [ -e "$1" ]; then
    echo "socketio_emitter: keeping the existing $1"
  else
    bash "$repo/tools/ini.sh" > "$1"
    echo "socketio_emitter: wrote $1"
  fi
}

mods="/etc/php/$version/mods-available"
if command -v phpenmod >/dev/null 2>&1 && [ -d "$mods" ]; then
  # Debian layout: mods-available + conf.d links for every SAPI.
  if [ "$action" = enable ]; then
    write_ini "$mods/socketio_emitter.ini"
    phpenmod -v "$version" -s ALL socketio_emitter
  else
    phpdismod -v "$version" -s ALL socketio_emitter || true
    rm -f "$mods/socketio_emitter.ini"
    # Uninstalled, not "disabled by admin": a later .deb install enables it again.
    # shellcheck source=tools/php-mod-state.sh
    . "$repo/tools/php-mod-state.sh"
    forget_php_mod_state "$version" socketio_emitter
  fi
else
  dir="$("$php_config" --ini-dir)"
  if [ -z "$dir" ]; then
    echo "socketio_emitter: $php_config reports no scan dir (--ini-dir); add extension=socketio_emitter.so to php.ini yourself" >&2
    exit 1
  fi
  if [ "$action" = enable ]; then
    write_ini "$dir/20-socketio_emitter.ini"
  else
    rm -f "$dir/20-socketio_emitter.ini"
  fi
fi
echo "socketio_emitter: $action done"
