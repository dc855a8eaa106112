<?php

// Hand-written: SocketIO\Exception is registered at module start-up with
// ClassBuilder (so it carries file/line/trace), which cargo-php cannot see.

namespace SocketIO {
    /**
     * Thrown for bad options or DSNs, values that cannot be sent (the message
     * names the path, e.g. `$args[1]['user']`), reserved event names, and Redis
     * failures (the message names host:port, never the password).
     */
    class Exception extends \RuntimeException {}
}
