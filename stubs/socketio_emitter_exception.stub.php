<?php

// Hand-written: SocketIO\Exception and SocketIO\TimeoutException are registered at module start-up with
// ClassBuilder (so they carry file/line/trace), which cargo-php cannot see.

namespace SocketIO {
    /**
     * Thrown for bad options or DSNs, values that cannot be sent (the message
     * names the path, e.g. `$args[1]['user']`), reserved event names, and Redis
     * failures (the message names host:port, never the password).
     */
    class Exception extends \RuntimeException {}

    /**
     * Thrown by fetchSockets() and emitWithAck() when the deadline set with
     * timeout() passed before every Socket.IO server (and every announced
     * acknowledgement) answered. The message says how many answered of how many.
     */
    class TimeoutException extends Exception
    {
        /**
         * What did arrive: the sockets of the servers that answered
         * (fetchSockets()), or the acknowledgements received (emitWithAck()).
         */
        public function getResponses(): array {}
    }
}
