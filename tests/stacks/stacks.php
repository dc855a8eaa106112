<?php
// The PHP half of stacks.js: one delivery case (see $cases) with the Emitter
// options given as JSON (socketio_version), on top of the ini DSN.
//   stacks.php CASE OPTIONS
// Prints one line "@@ {json}": {"name", "ret"} or {"name", "error"}.

declare(strict_types=1);

use SocketIO\Binary;
use SocketIO\Emitter;

error_reporting(E_ALL);
ini_set('display_errors', 'stderr');

require __DIR__ . '/../e2e/lib.php';

$what = $argv[1] ?? '';
$options = json_decode($argv[2] ?? '{}', true, 8, JSON_THROW_ON_ERROR);
$e = new Emitter($options);

// Clients: a (room1, server A), b (room2, server B), c (/admin, room1,
// server B), d (no room, server A).
$cases = [
    'all' => fn () => $e->emit('s_all', 'everyone', ['n' => 1.5, 'list' => [1, 'two', null], 'deep' => [[['x' => [true, false]]]]]),
    'room1' => fn () => $e->to('room1')->emit('s_room1', 'r1'),
    'room1_room2' => fn () => $e->to(['room1', 'room2'])->emit('s_r12'),
    'except_room2' => fn () => $e->except('room2')->emit('s_not_r2'),
    'room1_except_room2' => fn () => $e->to('room1')->except('room2')->emit('s_r1_not_r2'),
    'admin_room1' => fn () => $e->of('/admin')->to('room1')->emit('s_admin', ['x' => 'y']),
    'binary' => fn () => $e->to('room2')->emit('s_bin', new Binary("\x00\x01\xfe\xff"), ['nested' => new Binary("\x07")], 'text'),
    'volatile' => fn () => $e->volatile()->compress(false)->emit('s_volatile', 1),
    'unicode' => fn () => $e->to('room1')->emit('s_unicode', "é\u{1F600}\"\\\n\t\x01", 1e21, 0.1, ['ключ' => '值']),
    'nobody' => fn () => $e->to([])->emit('s_nobody'),
    'join_room3' => fn () => $e->in('room1')->socketsJoin('room3'),
    'room3' => fn () => $e->to('room3')->emit('s_room3'),
    'leave_room3' => fn () => $e->socketsLeave('room3'),
    'room3_after_leave' => fn () => $e->to('room3')->emit('s_room3_after'),
    'server_side' => fn () => $e->serverSideEmit('s_server', 'from-php', ['k' => 1]),
    'batch' => fn () => $e->batch(function (Emitter $b) {
        $b->to('room1')->emit('s_batch', 1);
        $b->to('room2')->emit('s_batch', 2);
        $b->emit('s_batch', 3);
    }),
    // A refused call inside batch(): the exception escapes, nothing of the batch is sent.
    'batch_refused' => fn () => $e->batch(function (Emitter $b) {
        $b->emit('s_batch_refused', 1);
        $b->except('room2')->emit('s_batch_refused', 2);
    }),
    'deferred' => function () use ($options) {
        $d = new Emitter(['deferred' => true] + $options);
        $r = $d->to('room2')->emit('s_deferred', 'later');
        $f = Emitter::flush();
        return ['emit' => $r, 'receivers' => $f['receivers'], 'errors' => $f['errors']];
    },
    'disconnect_room2' => fn () => $e->in('room2')->disconnectSockets(true),
];
if (!isset($cases[$what])) {
    record(['name' => $what, 'error' => 'unknown case']);
    exit(0);
}
try {
    record(['name' => $what, 'ret' => $cases[$what]()]);
} catch (Throwable $t) {
    record(['name' => $what, 'error' => get_class($t) . ': ' . $t->getMessage()]);
}
