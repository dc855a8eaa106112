<?php

return [
    // Laravel 8–10 read BROADCAST_DRIVER; Laravel 11+ read BROADCAST_CONNECTION.
    'default' => env('BROADCAST_CONNECTION', env('BROADCAST_DRIVER', 'socketio')),

    'connections' => [
        'socketio' => [
            'driver' => 'socketio', // App\Providers\SocketIoServiceProvider
            'dsn' => env('SOCKETIO_REDIS_DSN', 'redis://127.0.0.1:6379'),
            'prefix' => env('SOCKETIO_PREFIX', 'socket.io'), // the Node adapter's `key`
            // 'log': a Redis outage makes emits return false and writes one line
            // per outage to PHP's error log; the page never becomes a 500.
            'on_error' => env('SOCKETIO_ON_ERROR', 'log'),
            'timeout' => (float) env('SOCKETIO_TIMEOUT', 0.5),      // connect, seconds
            'read_timeout' => (float) env('SOCKETIO_TIMEOUT', 0.5), // write + reply, seconds
            // Only for SessionRooms (logout closes the session's sockets); plain
            // broadcasts need no secret.
            'session_secret' => env('SOCKETIO_SESSION_SECRET'),
        ],
        'log' => ['driver' => 'log'],
        'null' => ['driver' => 'null'],
    ],
];
