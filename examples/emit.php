<?php
// The main job: a PHP script pushing events to browsers in a room.
//
//   php -d extension=socketio_emitter.so examples/emit.php
//
// Uses php.ini's socketio_emitter.dsn (default redis://127.0.0.1:6379) unless
// REDIS_DSN is set.

$emitter = new SocketIO\Emitter(getenv('REDIS_DSN') ?: null);

// One PUBLISH, whatever the number of rooms; a socket in both rooms gets it once.
$servers = $emitter->to(['team:1', 'admin'])->emit('post', [
    'id'     => 42,
    'author' => 'ann',
    'text'   => 'Hello from PHP 👋',
    'at'     => new DateTimeImmutable('now'),
]);
echo "post reached $servers Socket.IO server(s)\n";

$emitter->in('team:1')->except('team:2')->emit('typing', ['user' => 'ann']);
$emitter->to('team:1')->emit('avatar', new SocketIO\Binary(random_bytes(8)));
