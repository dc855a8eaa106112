#!/usr/bin/env bash
# Builds PIE's pre-packaged binary for the PHP that $PHP_CONFIG (default
# php-config) names:
#   dist/php_socketio_emitter-<version>_php<M.m>-<arch>-linux-glibc-<nts|zts>.zip
# holding socketio_emitter.so, the name PIE looks for when it downloads a
# release asset instead of building from source (attach the zip to the GitHub
# release of the same version).
#
#   make dist        PHP_CONFIG=/usr/bin/php-config8.3 make dist
#   DIST_DIR=/tmp/x make dist   (another output directory)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS=0
# shellcheck source=tools/php-target.sh
. "$repo/tools/php-target.sh"
command -v zip >/dev/null 2>&1 || { echo "zip not found: apt-get install zip (or bash tools/setup.sh)" >&2; exit 1; }
ldd_version="$(ldd --version 2>&1 || true)"
# (Captured first: with pipefail, head closing the pipe early failed ldd with SIGPIPE.)
grep -qiE 'glibc|gnu libc' <<< "${ldd_version%%$'\n'*}" || { echo "not a glibc system: PIE names musl builds differently" >&2; exit 1; }

arch="$(uname -m)"
dist="${DIST_DIR:-$repo/dist}"
name="php_socketio_emitter-${CRATE_VERSION}_php${PHP_MM}-${arch}-linux-glibc-${PHP_TS}.zip"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
install -m 0755 "$SO" "$stage/socketio_emitter.so"
strip --strip-unneeded "$stage/socketio_emitter.so"
mkdir -p "$dist"
rm -f "$dist/$name"
(cd "$stage" && zip -q -X "$dist/$name" socketio_emitter.so)
echo "[${SECONDS}s] built $dist/$name"
