dnl The PECL/PIE source build: phpize && ./configure --enable-socketio_emitter && make && make install
dnl The extension is Rust: `make` runs cargo (rules in Makefile.frag) and copies
dnl target/release/libsocketio_emitter.so to modules/socketio_emitter.so, which
dnl phpize's `make install` copies into the extension dir. No C is compiled.
dnl ./configure writes `Makefile` at the root; the project's own make file is
dnl GNUmakefile, which GNU make reads first and which includes that Makefile
dnl when it exists (see GNUmakefile).

PHP_ARG_ENABLE([socketio_emitter],
  [whether to enable socketio_emitter],
  [AS_HELP_STRING([--enable-socketio_emitter], [Build socketio_emitter (Rust: needs cargo, see rust-toolchain.toml); on by default, since PIE runs ./configure without it])],
  [yes])

if test "$PHP_SOCKETIO_EMITTER" != "no"; then
  AC_PATH_PROG([CARGO], [cargo], [no], [$PATH:$HOME/.cargo/bin])
  if test "$CARGO" = "no"; then
    AC_MSG_ERROR([cargo not found: install the Rust toolchain named in rust-toolchain.toml (https://rustup.rs), then run ./configure again])
  fi
  AC_MSG_CHECKING([for libclang (bindgen needs it to read PHP's headers)])
  if test -n "$LIBCLANG_PATH" || ls /usr/lib/llvm-*/lib/libclang*.so* /usr/lib/*/libclang*.so* >/dev/null 2>&1; then
    AC_MSG_RESULT([yes])
  else
    AC_MSG_RESULT([no])
    AC_MSG_WARN([libclang not found: install libclang-dev (Debian) or set LIBCLANG_PATH, or the build will fail])
  fi
  dnl build.rs and ext-php-rs ask this php-config / php which PHP to build for.
  SOCKETIO_EMITTER_PHP_CONFIG=`command -v "$PHP_CONFIG"`
  PHP_SUBST([CARGO])
  PHP_SUBST([SOCKETIO_EMITTER_PHP_CONFIG])
  dnl No C sources, so no PHP_NEW_EXTENSION: declare the module and its dir ourselves.
  PHP_ADD_BUILD_DIR([modules])
  PHP_MODULES="\$(phplibdir)/socketio_emitter.so"
  PHP_ADD_MAKEFILE_FRAGMENT([$abs_srcdir/Makefile.frag])
fi
