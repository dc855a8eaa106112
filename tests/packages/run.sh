#!/usr/bin/env bash
# Packages, end to end on this machine's PHP:
#  1. make deb: name, contents, conffile, Depends, the ini documenting every
#     setting; dpkg -i (php -m lists it, an emit reaches Redis, every SAPI
#     enabled), an edited ini and an admin's phpdismod survive an upgrade,
#     dpkg -r removes the .so and keeps the ini, dpkg -P leaves nothing.
#  2. phpize && ./configure --enable-socketio_emitter && make && make install
#     in a copy of the working tree (tracked + new files, as a clone would
#     have them); the installed module loads and emits.
#  3. make dist: PIE's zip, right name, a loadable socketio_emitter.so.
#  4. make install / uninstall: an existing ini is kept, PHP_CONFIG is
#     honoured (extension dir, scan dir), uninstall leaves no phpenmod state.
# dpkg runs in a private mount namespace (tests/packages/lib.sh): nothing
# installed here is visible outside this test. Ends with "N passed, N failed".
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=tests/packages/lib.sh
. "$here/lib.sh"
run_isolated "${BASH_SOURCE[0]}" "$@"
# shellcheck source=tools/redis.sh
. "$repo/tools/redis.sh"
SECONDS=0

work="$SIO_PRIVATE_ROOT/work"
mkdir -p "$work"
private_system || { fail "private copies of dpkg's database and /etc/php"; finish; }
REDIS_DSN=""
start_private_redis
trap 'stop_private_redis; [ -n "${SUB_PID:-}" ] && kill "$SUB_PID" 2>/dev/null' EXIT
start_subscriber "$work/sub.log" || fail "redis-cli subscriber"

mm="$(php-config --version | cut -d. -f1,2)"
api="$(php-config --phpapi)"
ext_dir="$(php-config --extension-dir)"
arch="$(dpkg --print-architecture)"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml" | head -n 1)"
pkg="php$mm-socketio-emitter"
ini="/etc/php/$mm/mods-available/socketio_emitter.ini"
deb="$work/dist/${pkg}_${version}_${arch}.deb"
emit_php='$n = (new SocketIO\Emitter(getenv("SIO_DSN")))->emit("pkg-test", 1); echo $n;'
emits() { # php args...: the emit reaches the subscriber (returns 1)
  [ "$(SIO_DSN="$REDIS_DSN" php "$@" -r "$emit_php" 2>&1)" = 1 ]
}

echo "=== .deb [${SECONDS}s]"
(cd "$repo" && DIST_DIR="$work/dist" make --no-print-directory deb) > "$work/deb.log" 2>&1
check "make deb builds dist/${pkg}_${version}_${arch}.deb" test -s "$deb" || tail -n 20 "$work/deb.log"
dpkg-deb -c "$deb" > "$work/contents" 2>&1
dpkg-deb -I "$deb" > "$work/info" 2>&1
dpkg-deb -I "$deb" conffiles > "$work/conffiles" 2>&1
dpkg-deb -f "$deb" Depends > "$work/depends" 2>&1
check "the .so is in the PHP API's extension dir ($ext_dir)" grep -q " \.$ext_dir/socketio_emitter\.so$" "$work/contents"
check "the ini is $ini" grep -q " \.$ini$" "$work/contents"
check "the ini is a conffile" grep -qx "$ini" "$work/conffiles"
check "Depends: phpapi-$api" grep -q "phpapi-$api" "$work/depends"
check "postinst and postrm present" grep -q 'postinst' "$work/info"
mkdir -p "$work/x" && dpkg-deb -x "$deb" "$work/x"
check "ini: '; priority=20' and extension=socketio_emitter.so" \
  grep -qx '; priority=20' "$work/x$ini"
grep -qx 'extension=socketio_emitter.so' "$work/x$ini" || fail "ini has no extension=socketio_emitter.so line"
# Every setting the built module declares is documented in the ini (the list
# comes from src/ini.rs at build time; this asks the module itself).
settings="$(php -n -d extension="$work/x$ext_dir/socketio_emitter.so" -r 'echo implode("\n", array_keys(ini_get_all("socketio_emitter")));')"
undocumented=""
for s in $settings; do grep -q "^;$s = " "$work/x$ini" || undocumented="$undocumented $s"; done
check "ini lists every setting of the module ($(echo "$settings" | wc -w)):${undocumented:- all present}" test -n "$settings" -a -z "$undocumented"

before="$work/before.txt"
snapshot() { find /etc/php /var/lib/php "$ext_dir" /usr/share/doc | sort; }
snapshot > "$before"
check "before install: php -m does not list socketio_emitter" sh -c '! php -m 2>/dev/null | grep -qx socketio_emitter'
dpkg -i "$deb" > "$work/install.log" 2>&1 || { cat "$work/install.log"; fail "dpkg -i"; }
check "dpkg -i: php -m lists socketio_emitter" sh -c 'php -m 2>/dev/null | grep -qx socketio_emitter'
check "dpkg -i: an emit from plain php reaches Redis" emits
sapis="$(ls /etc/php/"$mm")"
for sapi in $sapis; do
  [ -d "/etc/php/$mm/$sapi/conf.d" ] || continue
  check "dpkg -i: enabled for the $sapi SAPI (conf.d/20-socketio_emitter.ini)" test -L "/etc/php/$mm/$sapi/conf.d/20-socketio_emitter.ini"
done
check "php starts without warnings" sh -c '[ -z "$(php -r "" 2>&1)" ]'

echo "=== upgrade keeps local changes [${SECONDS}s]"
echo 'socketio_emitter.prefix = "edited-by-admin"' >> "$ini"
phpdismod -v "$mm" -s fpm socketio_emitter
(cd "$repo" && DIST_DIR="$work/dist2" DEB_VERSION="$version+upgrade1" make --no-print-directory deb) > "$work/deb2.log" 2>&1
dpkg -i "$work/dist2/${pkg}_${version}+upgrade1_${arch}.deb" > "$work/upgrade.log" 2>&1 || { cat "$work/upgrade.log"; fail "dpkg -i (upgrade)"; }
check "upgrade: version $version+upgrade1 installed" sh -c "dpkg-query -W -f='\${Version}' $pkg | grep -qx '$version+upgrade1'"
check "upgrade: the edited ini is kept" grep -q 'edited-by-admin' "$ini"
check "upgrade: the edited setting is in effect" sh -c '[ "$(php -r "echo ini_get(\"socketio_emitter.prefix\");")" = edited-by-admin ]'
check "upgrade: the admin's phpdismod for fpm is respected" test ! -e "/etc/php/$mm/fpm/conf.d/20-socketio_emitter.ini"
check "upgrade: still enabled for cli" test -L "/etc/php/$mm/cli/conf.d/20-socketio_emitter.ini"

echo "=== remove and purge [${SECONDS}s]"
dpkg -r "$pkg" > "$work/remove.log" 2>&1 || { cat "$work/remove.log"; fail "dpkg -r"; }
check "dpkg -r: the .so is gone" test ! -e "$ext_dir/socketio_emitter.so"
check "dpkg -r: the ini is kept (a conffile), with the edit" grep -q 'edited-by-admin' "$ini"
check "dpkg -r: no conf.d link left (PHP starts without warnings)" sh -c '[ -z "$(find /etc/php -name "*socketio_emitter*" -type l)" ] && [ -z "$(php -r "" 2>&1)" ]'
dpkg -P "$pkg" > "$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "dpkg -P"; }
check "dpkg -P: package unknown to dpkg" sh -c "! dpkg-query -W -f='\${Status}' $pkg 2>/dev/null | grep -q installed"
snapshot > "$work/after.txt"
if diff -u "$before" "$work/after.txt"; then pass "dpkg -P: /etc/php, /var/lib/php, $ext_dir, /usr/share/doc as before install"; else fail "dpkg -P left files (diff above)"; fi

echo "=== make install / uninstall [${SECONDS}s]"
(cd "$repo" && make --no-print-directory install) > "$work/make-install.log" 2>&1 || { tail -n 20 "$work/make-install.log"; fail "make install"; }
check "make install: php -m lists socketio_emitter" sh -c 'php -m 2>/dev/null | grep -qx socketio_emitter'
check "make install: the ini is the documented one (tools/ini.sh)" sh -c "bash '$repo/tools/ini.sh' | cmp -s - '$ini'"
echo 'socketio_emitter.prefix = "kept-by-make-install"' >> "$ini"
(cd "$repo" && make --no-print-directory install) > "$work/make-install2.log" 2>&1 || { tail -n 20 "$work/make-install2.log"; fail "make install (again)"; }
check "make install again keeps the existing ini" grep -q 'kept-by-make-install' "$ini"
check "make install again says so" grep -q 'keeping the existing' "$work/make-install2.log"
(cd "$repo" && make --no-print-directory uninstall) > "$work/make-uninstall.log" 2>&1
check "make uninstall: module and ini gone" sh -c "[ ! -e '$ext_dir/socketio_emitter.so' ] && [ ! -e '$ini' ] && ! php -m 2>/dev/null | grep -qx socketio_emitter"
snapshot > "$work/after-uninstall.txt"
if diff -u "$before" "$work/after-uninstall.txt"; then pass "make uninstall: nothing left (phpenmod state included)"; else fail "make uninstall left files (diff above)"; fi
# PHP_CONFIG names another PHP: a php-config reporting other dirs and version.
other="$work/other-php"
mkdir -p "$other/ext" "$other/conf.d"
cat > "$other/php-config" <<SH
#!/bin/sh
case "\$1" in
  --extension-dir) echo "$other/ext" ;;
  --ini-dir) echo "$other/conf.d" ;;
  --version) echo 8.9.0 ;;
  *) exec php-config "\$@" ;;
esac
SH
chmod +x "$other/php-config"
check "PHP_CONFIG=... make install targets that PHP's extension dir" sh -c "cd '$repo' && PHP_CONFIG='$other/php-config' make --no-print-directory -n install | grep -q 'install -m 0755 .* $other/ext/socketio_emitter.so'"
PHP_CONFIG="$other/php-config" bash "$repo/tools/install-ini.sh" enable > /dev/null 2>&1
check "PHP_CONFIG=...: the ini goes to that PHP's scan dir" test -s "$other/conf.d/20-socketio_emitter.ini"
echo '; mine' >> "$other/conf.d/20-socketio_emitter.ini"
PHP_CONFIG="$other/php-config" bash "$repo/tools/install-ini.sh" enable > /dev/null 2>&1
check "PHP_CONFIG=...: an existing ini there is kept" grep -q '^; mine' "$other/conf.d/20-socketio_emitter.ini"

echo "=== phpize && ./configure --enable-socketio_emitter && make && make install [${SECONDS}s]"
src="$work/src"
mkdir -p "$src"
# What a clone would hold: tracked files plus new, not ignored ones.
(cd "$repo" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done | tar --null -T - -cf -) | tar -xf - -C "$src"
# cargo's default target dir ($src/target) is a link to one kept between runs,
# of its own (ext-php-rs rebuilds whenever PHP/PHP_CONFIG change), so the
# default path of Makefile.frag is what is tested, without a full build each run.
phpize_target="${CARGO_TARGET_DIR:-$repo/target}/phpize"
mkdir -p "$phpize_target"
ln -s "$phpize_target" "$src/target"
if (cd "$src" && unset CARGO_TARGET_DIR && phpize && ./configure --enable-socketio_emitter && make && make install INSTALL_ROOT="$work/phpize-root") > "$work/phpize.log" 2>&1; then
  pass "phpize, configure, make, make install"
else
  tail -n 30 "$work/phpize.log"
  fail "phpize, configure, make, make install"
fi
built="$work/phpize-root$ext_dir/socketio_emitter.so"
check "make install put socketio_emitter.so in the extension dir (INSTALL_ROOT)" test -s "$built"
check "the phpize-built module loads and emits" emits -n -d extension="$built"
check "GNUmakefile still serves its own targets after ./configure (make -n deb)" sh -c "cd '$src' && make -n deb | grep -q tools/deb.sh"
check "git would not see configure's Makefile (.gitignore)" sh -c "cd '$repo' && for f in Makefile configure modules/x.so config.status; do git check-ignore -q \$f || exit 1; done"

echo "=== make dist (PIE pre-packaged binary) [${SECONDS}s]"
ts=nts
php -r 'exit(PHP_ZTS ? 0 : 1);' && ts=zts
zip="$work/pie/php_socketio_emitter-${version}_php${mm}-$(uname -m)-linux-glibc-$ts.zip"
(cd "$repo" && DIST_DIR="$work/pie" make --no-print-directory dist) > "$work/dist.log" 2>&1
check "make dist builds $(basename "$zip")" test -s "$zip" || tail -n 20 "$work/dist.log"
mkdir -p "$work/unzipped" && unzip -q -o "$zip" -d "$work/unzipped" 2>/dev/null
check "the zip holds exactly socketio_emitter.so" sh -c "[ \"\$(unzip -Z1 '$zip')\" = socketio_emitter.so ]"
check "the zipped module loads and emits" emits -n -d extension="$work/unzipped/socketio_emitter.so"

echo "[${SECONDS}s] done"
finish
