<?php
// The PHP half of streams.js. Two uses:
//   streams.php vectors OPTIONS NAME...   one PHP call per golden streams vector
//   streams.php CASE OPTIONS              one delivery case (see $cases)
// OPTIONS: the JSON of the Emitter options ('adapter' => 'streams', stream
// settings), on top of the ini DSN. Prints one line "@@ {json}" per call:
// {"name", "ret"} or {"name", "error"}.

declare(strict_types=1);

use SocketIO\Binary;
use SocketIO\Emitter;

error_reporting(E_ALL);
ini_set('display_errors', 'stderr');

require __DIR__ . '/lib.php';

$what = $argv[1] ?? '';
$options = json_decode($argv[2] ?? '{}', true, 8, JSON_THROW_ON_ERROR);
$e = new Emitter($options);

// Transcribed by hand from the vectors' descriptions (the Node calls).
$vectors = [
    'emit_all' => fn () => $e->emit('hello', 'world'),
    'to_one_room_except' => fn () => $e->to('room1')->except('room2')->emit('ev', 1),
    'volatile_compress' => fn () => $e->volatile()->compress(false)->emit('ev', 'v'),
    'of_admin' => fn () => $e->of('/admin')->emit('ev', ['a' => 1]),
    'binary' => fn () => $e->emit('ev', new Binary("\x01\x02\x03"), 1),
    'sockets_join' => fn () => $e->socketsJoin('room3'),
    'sockets_leave' => fn () => $e->in('room1')->socketsLeave('room1'),
    'disconnect_sockets' => fn () => $e->in('room2')->disconnectSockets(true),
    'server_side_emit' => fn () => $e->serverSideEmit('hello', 'world', 1),
];
if ($what === 'vectors') {
    foreach (array_slice($argv, 3) as $name) {
        isset($vectors[$name]) ? run($name, $vectors[$name]) : record(['name' => $name, 'error' => 'no PHP call for this vector']);
    }
    exit(0);
}

// Delivery cases: clients a (room1, server A), b (room2, server B),
// c (/admin, room1, server B), d (no room, server A).
$cases = [
    'all' => fn () => $e->emit('s_all', 'everyone', ['n' => 1.5, 'list' => [1, 'two', null], 'deep' => [[['x' => [true, false]]]]]),
    'room1' => fn () => $e->to('room1')->emit('s_room1', 'r1'),
    'room1_room2' => fn () => $e->to(['room1', 'room2'])->emit('s_r12'),
    'except_room2' => fn () => $e->except('room2')->emit('s_not_r2'),
    'room1_except_room2' => fn () => $e->to('room1')->except('room2')->emit('s_r1_not_r2'),
    'admin_room1' => fn () => $e->of('/admin')->to('room1')->emit('s_admin', ['x' => 'y']),
    'binary' => fn () => $e->to('room2')->emit('s_bin', new Binary("\x00\x01\xfe\xff"), ['nested' => new Binary("\x07")], 'text'),
    'volatile' => fn () => $e->volatile()->compress(false)->emit('s_volatile', 1),
    'unicode' => fn () => $e->to('room1')->emit('s_unicode', "é\u{1F600}\"\\\n\t\x01", -0.0, 1e21, 0.1, ['ключ' => '值']),
    'nobody' => fn () => $e->to([])->emit('s_nobody'),
    'join_room3' => fn () => $e->in('room1')->socketsJoin('room3'),
    'room3' => fn () => $e->to('room3')->emit('s_room3'),
    'leave_room3' => fn () => $e->socketsLeave('room3'),
    'room3_after_leave' => fn () => $e->to('room3')->emit('s_room3_after'),
    'server_side' => fn () => $e->serverSideEmit('s_server', 'from-php', new Binary("\x07")),
    'batch' => fn () => $e->batch(function (Emitter $b) {
        $b->to('room1')->emit('s_batch', 1);
        $b->to('room2')->emit('s_batch', 2);
        $b->emit('s_batch', 3);
    }),
    'deferred' => function () use ($options) {
        $d = new Emitter(['deferred' => true] + $options);
        $r = $d->to('room2')->emit('s_deferred', 'later');
        $f = Emitter::flush();
        return ['emit' => $r, 'replies' => $f['replies'], 'appended' => $f['appended'], 'errors' => $f['errors']];
    },
    // hashCode('/notifications') % 3 = -2: a stream no server reads.
    'unreachable_nsp' => fn () => $e->of('/notifications')->emit('s_lost'),
    'disconnect_room2' => fn () => $e->in('room2')->disconnectSockets(true),
];
isset($cases[$what]) ? run($what, $cases[$what]) : record(['name' => $what, 'error' => 'unknown case']);
