<?php

namespace Config;

use CodeIgniter\Config\BaseConfig;

/**
 * CodeIgniter 4: settings of service('socketio') (App\Libraries\Realtime).
 * Every property can come from .env, e.g. `socketio.dsn = redis://10.0.0.5:6379`.
 */
class SocketIO extends BaseConfig
{
    /** Redis of the Socket.IO servers' adapter; null: php.ini socketio_emitter.dsn. */
    public ?string $dsn = null;

    /** The adapter's `key` option on the Node side. */
    public string $prefix = 'socket.io';

    /**
     * 'log': a Redis outage makes emits return false and writes one line per
     * outage to PHP's error log. Never 'warn' in CodeIgniter 4: its error
     * handler turns warnings into exceptions (a 500 page for a live update).
     */
    public string $onError = 'log';

    /** Connect and reply timeouts, seconds. */
    public float $timeout = 0.5;

    /**
     * Only for session rooms (login joins, logout closes sockets): the secret
     * shared with examples/node/session-rooms.js. Emitting needs none.
     */
    public ?string $sessionSecret = null;

    /** Lifetime of the stored rooms (like the session's expiration), seconds. */
    public int $ttl = 7200;
}
