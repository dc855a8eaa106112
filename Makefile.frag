# phpize/PECL/PIE build (config.m4): cargo builds the extension for the PHP
# ./configure was run for; phpize's `make install` copies
# modules/socketio_emitter.so to its extension dir. CARGO_TARGET_DIR is honoured.
$(phplibdir)/socketio_emitter.so: socketio-emitter-always
	cd '$(top_srcdir)' && PHP_CONFIG='$(SOCKETIO_EMITTER_PHP_CONFIG)' PHP='$(PHP_EXECUTABLE)' '$(CARGO)' build --release
	$(mkinstalldirs) '$(phplibdir)'
	cp "$${CARGO_TARGET_DIR:-$(top_srcdir)/target}/release/libsocketio_emitter.so" '$@'

socketio-emitter-always:
