# Convenience targets; the scripts in tools/ are the real entry points.
PHP_CONFIG ?= php-config
EXT_DIR    := $(shell $(PHP_CONFIG) --extension-dir 2>/dev/null)
SO         := target/release/libsocketio_emitter.so

.PHONY: build test demo install uninstall stubs

build:
	cargo build --release

test:
	bash tools/test.sh

demo:
	bash examples/demo.sh

stubs:
	bash tools/stubs.sh

# Copies the extension into PHP's extension dir and enables it for every SAPI
# (Debian: mods-available + phpenmod; elsewhere: the scan dir php-config reports).
install: build
	install -m 0755 $(SO) $(EXT_DIR)/socketio_emitter.so
	bash tools/install-ini.sh enable

uninstall:
	bash tools/install-ini.sh disable
	rm -f $(EXT_DIR)/socketio_emitter.so
