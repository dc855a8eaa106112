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
         * Calls `$callback($emitter)`; the messages emitted through that emitter
         * (and emitters derived from it) are sent together, as one pipelined
         * write, when the callback returns. Returns what each `emit()` would have
         * returned, in order. Nothing is sent if the callback throws.
         *
         * @param callable $callback
         * @return array
         */
        public function batch(callable $callback): array {}

        /**
         * Whether the server compresses the event (default true on the server).
         *
         * @param bool $compress
         * @return \SocketIO\Emitter
         */
        public function compress(bool $compress = true): \SocketIO\Emitter {}

        /**
         * Disconnects the targeted sockets; `$close` also closes their underlying connection.
         *
         * @param bool $close
         * @return void
         */
        public function disconnectSockets(bool $close = false): void {}

        /**
         * Publishes `[event, ...args]` to the targeted sockets with one PUBLISH
         * (SPUBLISH, sharded adapter; XADD, streams adapter), whatever the number
         * of rooms. Returns `int`: how many Socket.IO servers (Redis subscribers)
         * received it; `true` when that is not known yet (deferred mode, inside
         * `batch()`) or, with the streams adapter, once the entry was appended;
         * `false` when Redis failed and `on_error` is `warn` or `silent`.
         *
         * @param string $event
         * @param mixed $args
         * @return int|bool
         */
        public function emit(string $event, mixed ...$args): int|bool {}

        /**
         * Emits `[event, ...args]` to the targeted sockets and returns their
         * acknowledgements, one per client that got the event (in arrival
         * order). Past `timeout()` throws `SocketIO\TimeoutException` (whose
         * `getResponses()` has the acks that arrived). `null` when Redis failed
         * and `on_error` is not `throw`.
         *
         * @param string $event
         * @param mixed $args
         * @return array|null
         */
        public function emitWithAck(string $event, mixed ...$args): ?array {}

        /**
         * Excludes sockets in these rooms.
         *
         * @param array|string|int $rooms
         * @return \SocketIO\Emitter
         */
        public function except(array|string|int $rooms): \SocketIO\Emitter {}

        /**
         * The targeted sockets (`of()`, `in()`, `except()`) on every Socket.IO
         * server: a list of `['id' => string, 'handshake' => array, 'rooms' =>
         * list<string>, 'data' => mixed]`. Waits until every server answered;
         * past `timeout()` throws `SocketIO\TimeoutException` (whose
         * `getResponses()` has the sockets of the servers that answered). `null`
         * when Redis failed and `on_error` is not `throw`.
         *
         * @return array|null
         */
        public function fetchSockets(): ?array {}

        /**
         * Waits now for every reply that deferred emits of this process still owe
         * (pooled and `persistent => false` connections) and returns what they
         * said: `replies` (owed), `receivers`, `no_receivers`, `appended`
         * (stream entries written, streams adapter), `errors`,
         * `unknown` (lost with a failed connection). For runtimes that never end
         * the request (FrankenPHP worker mode, RoadRunner, Swoole, long CLI
         * loops): call it between jobs; replies are otherwise read at request end,
         * beyond 1,024 owed, or before the next write once the oldest is 1 s old.
         *
         * @return array
         */
        public static function flush(): array {}

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
         * How many Socket.IO servers serve this namespace (the subscribers of its
         * request channel). `null` when Redis failed and `on_error` is not `throw`.
         *
         * @return int|null
         */
        public function serverCount(): ?int {}

        /**
         * Sends `[event, ...args]` to the other Socket.IO servers' `serverSideEmit`
         * listeners (JSON; rooms do not apply). Returns what `emit()` returns.
         *
         * @param string $event
         * @param mixed $args
         * @return int|bool
         */
        public function serverSideEmit(string $event, mixed ...$args): int|bool {}

        /**
         * Makes the targeted sockets (on every Socket.IO server) join `$rooms`.
         *
         * @param array|string|int $rooms
         * @return void
         */
        public function socketsJoin(array|string|int $rooms): void {}

        /**
         * Makes the targeted sockets leave `$rooms`.
         *
         * @param array|string|int $rooms
         * @return void
         */
        public function socketsLeave(array|string|int $rooms): void {}

        /**
         * This process's connection figures: `pid`, `connections_opened`, `reuses`,
         * `reconnects`, `emits`, `failures`, `breakers_open`, `breaker_longest_ms`,
         * `breaker_shared` (the breaker is shared by the php-fpm pool), `idle_connections`,
         * and what deferred replies said: `deferred_receivers`,
         * `deferred_no_receivers`, `deferred_errors`, `deferred_unknown`; on a
         * Redis Cluster, `cluster_refreshes` (slot maps read) and
         * `cluster_redirects` (commands that followed a MOVED or ASK).
         *
         * @return array
         */
        public static function stats(): array {}

        /**
         * The deadline of the round trips made through the new Emitter
         * (`fetchSockets()`, `emitWithAck()`, `serverCount()`), in seconds: above
         * 0, at most 3600; 5 when never called.
         *
         * @param float $seconds
         * @return \SocketIO\Emitter
         */
        public function timeout(float $seconds): \SocketIO\Emitter {}

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

    class SessionRooms {
        /**
         * `$options`: `secret` (at least 16 bytes; default ini `socketio_emitter.session_secret`),
         * `ttl` (seconds the stored rooms live after the last `join()`, default 86400).
         *
         * @param \SocketIO\Emitter $emitter
         * @param array|null $options
         */
        public function __construct(\SocketIO\Emitter $emitter, ?array $options = null) {}

        /**
         * Logout: forgets the stored rooms, makes the session's sockets leave them
         * and, with `$disconnect`, disconnects those sockets (closing their connection).
         *
         * @param string $sessionId
         * @param bool $disconnect
         * @return void
         */
        public function forget(string $sessionId, bool $disconnect = false): void {}

        /**
         * Adds rooms to the session: stored (for sockets that connect later) and
         * joined now by the session's connected sockets.
         *
         * @param string $sessionId
         * @param array|string|int $rooms
         * @return void
         */
        public function join(string $sessionId, mixed $rooms): void {}

        /**
         * Removes rooms from the session, stored and live.
         *
         * @param string $sessionId
         * @param array|string|int $rooms
         * @return void
         */
        public function leave(string $sessionId, mixed $rooms): void {}

        /**
         * The room all sockets of this session join: `session:<hmac>`, never the raw id.
         *
         * @param string $sessionId
         * @return string
         */
        public function roomOf(string $sessionId): string {}

        /**
         * The session's stored rooms, sorted.
         *
         * @param string $sessionId
         * @return array
         */
        public function rooms(string $sessionId): array {}
    }
}
