#!/usr/bin/env bash
# Builds dist/php<M.m>-socketio-emitter_<version>_<arch>.deb for the PHP that
# $PHP_CONFIG (default php-config) names, laid out as Debian packages PHP
# extensions (php8.2-redis, php8.2-opcache...):
#   <php-config --extension-dir>/socketio_emitter.so
#   /etc/php/<M.m>/mods-available/socketio_emitter.ini  (dpkg conffile: an
#       edited copy survives upgrades; removal keeps it, purge deletes it)
#   Depends: phpapi-<php-config --phpapi>  (the ABI the .so was built for)
#   postinst: enabled for every SAPI through php-maintscript-helper's
#       php_invoke, which leaves alone a SAPI the admin disabled (phpdismod);
#   postrm: remove disables it, purge also forgets phpenmod's state.
# Needs dpkg-deb and fakeroot (tools/setup.sh installs them); no debhelper.
#
#   make deb        PHP_CONFIG=/usr/bin/php-config8.3 make deb
#   DEB_VERSION=0.1.0+local1 make deb   (a package version other than Cargo.toml's)
#   DIST_DIR=/tmp/x make deb             (another output directory)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS=0
# shellcheck source=tools/php-target.sh
. "$repo/tools/php-target.sh"
for tool in dpkg-deb fakeroot; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool not found: apt-get install dpkg-dev fakeroot (or bash tools/setup.sh)" >&2; exit 1; }
done

version="${DEB_VERSION:-$CRATE_VERSION}"
arch="$(dpkg --print-architecture)"
pkg="php$PHP_MM-socketio-emitter"
inidir="/etc/php/$PHP_MM/mods-available"
dist="${DIST_DIR:-$repo/dist}"
out="$dist/${pkg}_${version}_${arch}.deb"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
echo "[${SECONDS}s] staging $pkg $version ($arch)"

install -d "$root/DEBIAN" "$root$PHP_EXT_DIR" "$root$inidir" "$root/usr/share/doc/$pkg"
install -m 0644 "$SO" "$root$PHP_EXT_DIR/socketio_emitter.so"
strip --strip-unneeded "$root$PHP_EXT_DIR/socketio_emitter.so"
bash "$repo/tools/ini.sh" > "$root$inidir/socketio_emitter.ini"
chmod 0644 "$root$inidir/socketio_emitter.ini"
cat > "$root/usr/share/doc/$pkg/copyright" <<TXT
socketio_emitter: a PHP extension (Rust) that emits Socket.IO events through the Redis adapter.
License: MIT (see Cargo.toml); built with the Rust crates listed in Cargo.lock.
TXT
chmod 0644 "$root/usr/share/doc/$pkg/copyright"

echo "$inidir/socketio_emitter.ini" > "$root/DEBIAN/conffiles"

# Maintainer scripts: what dh-php generates for php8.2-* extensions, minus ucf
# (our ini is a plain dpkg conffile, so dpkg itself keeps local edits).
cat > "$root/DEBIAN/postinst" <<SH
#!/bin/sh
set -e
if [ "\$1" = "configure" ]; then
    if [ -e /usr/lib/php/php-maintscript-helper ]; then
        . /usr/lib/php/php-maintscript-helper
        # Enables it for every SAPI of PHP $PHP_MM, except where the admin ran
        # phpdismod (php_invoke sees that state and leaves the SAPI alone).
        php_invoke enmod $PHP_MM ALL socketio_emitter
    elif command -v phpenmod >/dev/null 2>&1; then
        phpenmod -v $PHP_MM -s ALL socketio_emitter
    fi
fi
exit 0
SH
{
cat <<SH
#!/bin/sh
set -e
SH
sed -n '/^forget_php_mod_state()/,/^}/p' "$repo/tools/php-mod-state.sh"
cat <<SH
if [ "\$1" = "remove" ] || [ "\$1" = "purge" ]; then
    if [ -e /usr/lib/php/php-maintscript-helper ]; then
        . /usr/lib/php/php-maintscript-helper
        # The .so is gone: drop the conf.d links so PHP does not look for it.
        php_invoke dismod $PHP_MM ALL socketio_emitter
    fi
fi
if [ "\$1" = "purge" ]; then
    # dpkg deletes the conffile itself; these are what could remain beside it.
    for ext in .dpkg-old .dpkg-new .dpkg-dist .dpkg-bak '~'; do
        rm -f "$inidir/socketio_emitter.ini\$ext"
    done
    find /etc/php/$PHP_MM -type l -lname "$inidir/socketio_emitter.ini" -delete 2>/dev/null || true
    forget_php_mod_state $PHP_MM socketio_emitter
fi
exit 0
SH
} > "$root/DEBIAN/postrm"
chmod 0755 "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"

size_kb="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
cat > "$root/DEBIAN/control" <<TXT
Package: $pkg
Version: $version
Architecture: $arch
Maintainer: socketio_emitter maintainers <socketio-emitter@localhost>
Installed-Size: $size_kb
Depends: phpapi-$PHP_API, libc6
Section: php
Priority: optional
Description: Socket.IO emitter for PHP $PHP_MM (Redis adapter)
 A native PHP extension (Rust) that publishes Socket.IO events through the
 Socket.IO Redis adapter: (new SocketIO\\Emitter())->to('room')->emit('ev', \$data).
 Built for PHP $PHP_MM ($PHP_TS, API $PHP_API). Settings:
 $inidir/socketio_emitter.ini.
TXT
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | xargs -0 md5sum > DEBIAN/md5sums)

mkdir -p "$dist"
fakeroot dpkg-deb --build -Zxz "$root" "$out" >/dev/null
echo "[${SECONDS}s] built $out"
