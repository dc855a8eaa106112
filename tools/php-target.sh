# Sourced by tools/deb.sh and tools/dist.sh: what the PHP that $PHP_CONFIG
# (default php-config) names expects, and the crate version. Sets PHP_CONFIG,
# PHP_MM (8.2), PHP_API (20220829), PHP_EXT_DIR, PHP_BIN, PHP_TS (nts|zts),
# CRATE_VERSION, and builds the release .so for that PHP (SO).
# Only an explicit PHP_CONFIG is handed to cargo: ext-php-rs reruns its
# bindgen build whenever PHP/PHP_CONFIG change, so the default case builds
# exactly as `cargo build --release` does (no rebuild churn).
php_config_given="${PHP_CONFIG:-}"
PHP_CONFIG="$(command -v "${PHP_CONFIG:-php-config}" || true)"
[ -n "$PHP_CONFIG" ] || { echo "${php_config_given:-php-config} not found: install php<M.m>-dev or set PHP_CONFIG=/path/to/php-config" >&2; exit 1; }
PHP_MM="$("$PHP_CONFIG" --version | cut -d. -f1,2)"
PHP_API="$("$PHP_CONFIG" --phpapi)"
PHP_EXT_DIR="$("$PHP_CONFIG" --extension-dir)"
PHP_BIN="$("$PHP_CONFIG" --php-binary)"
# php-config has no ZTS query; --configure-options carries --enable-zts for ZTS builds.
if "$PHP_CONFIG" --configure-options | grep -q -- '--enable-zts'; then PHP_TS=zts; else PHP_TS=nts; fi
CRATE_VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml" | head -n 1)"
SO="${CARGO_TARGET_DIR:-$repo/target}/release/libsocketio_emitter.so"
echo "[$(( SECONDS ))s] building the extension for PHP $PHP_MM ($PHP_TS, API $PHP_API) with cargo"
if [ -n "$php_config_given" ]; then
  (cd "$repo" && PHP_CONFIG="$PHP_CONFIG" PHP="$PHP_BIN" cargo build --release)
else
  (cd "$repo" && env -u PHP_CONFIG -u PHP cargo build --release)
fi
