<?php

// Stubs for socketio_emitter

namespace SocketIO {
    class Binary {
        /**
         * Wraps raw bytes (any string, UTF-8 or not).
         *
         * @param string $bytes
         */
        public function __construct(string $bytes) {}

        /**
         * The wrapped bytes, unchanged.
         *
         * @return string
         */
        public function bytes(): string {}
    }

    class Emitter {
        /**
         * `$options`: a DSN (`redis://[user:pass@]host[:port][/db]`, `unix:///path.sock`),
         * an array (`dsn`, `host`, `port`, `username`, `password`, `prefix`, `timeout`,
         * `read_timeout`), or null for the php.ini defaults. No connection is opened here.
         *
         * @param array|string|null $options
         */
        public function __construct(array|string|null $options = null) {}

        /**
         * Whether the server compresses the event (default true on the server).
         *
         * @param bool $compress
         * @return \SocketIO\Emitter
         */
        public function compress(bool $compress = true): \SocketIO\Emitter {}

        /**
         * Publishes `[event, ...args]` to the targeted sockets with one PUBLISH,
         * whatever the number of rooms. Returns `int`: how many Socket.IO servers
         * (Redis subscribers) received it; `false` when Redis failed and `on_error`
         * is `warn` or `silent`.
         *
         * @param string $event
         * @param mixed $args
         * @return int|false
         */
        public function emit(string $event, mixed ...$args): int|false {}

        /**
         * Excludes sockets in these rooms.
         *
         * @param array|string|int $rooms
         * @return \SocketIO\Emitter
         */
        public function except(array|string|int $rooms): \SocketIO\Emitter {}

        /**
         * Targets sockets in these rooms (added to the rooms already targeted).
         *
         * @param array|string|int $rooms
         * @return \SocketIO\Emitter
         */
        public function in(array|string|int $rooms): \SocketIO\Emitter {}

        /**
         * A new Emitter for namespace `$nsp` (a missing leading `/` is added), with no rooms or flags.
         *
         * @param string $nsp
         * @return \SocketIO\Emitter
         */
        public function of(string $nsp): \SocketIO\Emitter {}

        /**
         * This process's connection figures: `pid`, `connections_opened`, `reuses`,
         * `reconnects`, `emits`, `failures`, `breakers_open`, `idle_connections`.
         *
         * @return array
         */
        public static function stats(): array {}

        /**
         * Alias of `in()`.
         *
         * @param array|string|int $rooms
         * @return \SocketIO\Emitter
         */
        public function to(array|string|int $rooms): \SocketIO\Emitter {}

        /**
         * The event may be dropped for clients that are not ready to receive it.
         *
         * @return \SocketIO\Emitter
         */
        public function volatile(): \SocketIO\Emitter {}
    }
}
