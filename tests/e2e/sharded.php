<?php
// The PHP half of sharded.js. Two uses:
//   sharded.php vectors MODE      one PHP call per golden sharded vector of
//                                 MODE (static|dynamic), in the vectors' order
//   sharded.php CASE MODE         one delivery case (see $cases)
// Every emitter is built from the ini DSN with 'adapter' => 'sharded' and the
// subscription mode MODE. Prints one line
// "@@ {json}" per call: {"name", "ret"} or {"name", "error"}.

declare(strict_types=1);

use SocketIO\Binary;
use SocketIO\Emitter;

error_reporting(E_ALL);
ini_set('display_errors', 'stderr');

require __DIR__ . '/lib.php';

/** The UTF-8 bytes of a code point (php -n has no mbstring). */
function utf8(int $cp): string
{
    return match (true) {
        $cp < 0x80 => chr($cp),
        $cp < 0x800 => chr(0xc0 | $cp >> 6) . chr(0x80 | $cp & 0x3f),
        $cp < 0x10000 => chr(0xe0 | $cp >> 12) . chr(0x80 | $cp >> 6 & 0x3f) . chr(0x80 | $cp & 0x3f),
        default => chr(0xf0 | $cp >> 18) . chr(0x80 | $cp >> 12 & 0x3f) . chr(0x80 | $cp >> 6 & 0x3f) . chr(0x80 | $cp & 0x3f),
    };
}

$what = $argv[1] ?? '';
$mode = $argv[2] ?? 'dynamic';
$e = new Emitter(['adapter' => 'sharded', 'subscription_mode' => $mode]);

// Transcribed by hand from the vectors' descriptions (the Node calls).
$vectors = [
    'emit_all' => fn () => $e->emit('hello', 'world'),
    'to_one_room' => fn () => $e->to('room1')->emit('ev', 1),
    'to_two_rooms' => fn () => $e->to(['room1', 'room2'])->emit('ev', 'x'),
    'except_room' => fn () => $e->except('room2')->emit('ev', 'not-room2'),
    'to_socket_id_like_room' => fn () => $e->to(str_repeat('a', 20))->emit('ev'),
    'volatile_compress' => fn () => $e->volatile()->compress(false)->emit('ev', 'v'),
    'of_admin_room' => fn () => $e->of('/admin')->to('room1')->emit('ev', 'admin'),
    'binary' => fn () => $e->emit('ev', new Binary("\x01\x02\x03")),
    'ints_floats' => fn () => $e->emit('ev', 1, -1, 4294967296, 0.5),
    'sockets_join' => fn () => $e->socketsJoin('room3'),
    'sockets_leave' => fn () => $e->in('room1')->socketsLeave('room1'),
    'disconnect_sockets' => fn () => $e->in('room2')->disconnectSockets(true),
    'server_side_emit' => fn () => $e->serverSideEmit('hello', 'world', 1),
];

// Random values, seeded: the same list emitted with the sharded adapter (static
// mode, JSON) and the classic one (msgpack), so sharded.js can compare them.
if ($what === 'random') {
    $seed = (int)($argv[3] ?? 1);
    mt_srand($seed);
    $classic = new Emitter(['adapter' => 'classic']);
    $rand_float = function (): float {
        switch (mt_rand(0, 5)) {
            case 0: return unpack('E', pack('J', (mt_rand(0, 0x7fefffff) << 32) | mt_rand(0, 0xffffffff)))[1] * (mt_rand(0, 1) ? 1 : -1);
            case 1: return mt_rand() / mt_getrandmax() * 10 ** mt_rand(-9, 25);
            case 2: return (float)mt_rand(-1000000, 1000000) / 10 ** mt_rand(0, 8);
            case 3: return (float)mt_rand(0, PHP_INT_MAX) * (mt_rand(0, 1) ? 1 : -1);
            case 4: return 10.0 ** mt_rand(-330, 308);
            default: return [0.0, -0.0, 1e21, 1e-7, 1e-6, 5e-324, 1.7976931348623157e308, 0.1, 2 ** 53, 123456789012345680000.0][mt_rand(0, 9)];
        }
    };
    $rand_string = function (): string {
        $s = '';
        for ($i = mt_rand(0, 12); $i > 0; $i--) {
            $s .= match (mt_rand(0, 4)) {
                0 => chr(mt_rand(0, 0x1f)),
                1 => ['"', '\\', '/', "\u{7f}", "\u{2028}", "\u{2029}", "\u{feff}"][mt_rand(0, 6)],
                2 => utf8(mt_rand(0x80, 0xd7ff)),
                3 => utf8(mt_rand(0x10000, 0x10ffff)),
                default => chr(mt_rand(0x20, 0x7e)),
            };
        }
        return $s;
    };
    for ($batch = 0; $batch < 50; $batch++) {
        $args = [];
        for ($i = 0; $i < 100; $i++) {
            $args[] = match (mt_rand(0, 3)) {
                0, 1 => $rand_float(),
                2 => $rand_string(),
                // Past 2^53 only in the last 10 batches: JS rounds those, so only their values are compared.
                default => $batch < 40 ? mt_rand(-(2 ** 53), 2 ** 53) : mt_rand(PHP_INT_MIN, PHP_INT_MAX),
            };
        }
        $args[] = [$rand_string() => $args[0], 'nested' => [[$args[1]], (object)[]]];
        run("random/$batch", fn () => [$e->emit('random', ...$args), $classic->emit('random', ...$args)]);
    }
    exit(0);
}

if ($what === 'vectors') {
    foreach (array_slice($argv, 3) as $name) {
        if (!isset($vectors[$name])) {
            record(['name' => $name, 'error' => 'no PHP call for this vector']);
            continue;
        }
        run($name, $vectors[$name]);
    }
    exit(0);
}

// Delivery cases: clients a (room1, server A), b (room2, server B),
// c (/admin, room1, server B), d (no room, server A).
$cases = [
    'all' => fn () => $e->emit('s_all', 'everyone', ['n' => 1.5, 'list' => [1, 'two', null]]),
    'room1' => fn () => $e->to('room1')->emit('s_room1', 'r1'),
    'room1_room2' => fn () => $e->to(['room1', 'room2'])->emit('s_r12'),
    'except_room2' => fn () => $e->except('room2')->emit('s_not_r2'),
    'room1_except_room2' => fn () => $e->to('room1')->except('room2')->emit('s_r1_not_r2'),
    'admin_room1' => fn () => $e->of('/admin')->to('room1')->emit('s_admin', ['x' => 'y']),
    'binary' => fn () => $e->to('room2')->emit('s_bin', new Binary("\x00\x01\xfe\xff"), 'text'),
    'volatile' => fn () => $e->volatile()->compress(false)->emit('s_volatile', 1),
    'unicode' => fn () => $e->to('room1')->emit('s_unicode', "é\u{1F600}\"\\\n\t\x01", -0.0, 1e21, 0.1),
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
    'deferred' => function () use ($mode) {
        $d = new Emitter(['adapter' => 'sharded', 'subscription_mode' => $mode, 'deferred' => true]);
        $r = $d->to('room2')->emit('s_deferred', 'later');
        $f = Emitter::flush();
        return ['emit' => $r, 'receivers' => $f['receivers'], 'errors' => $f['errors']];
    },
    'disconnect_room2' => fn () => $e->in('room2')->disconnectSockets(true),
];
$name = $what;
if (!isset($cases[$name])) {
    record(['name' => $name, 'error' => 'unknown case']);
    exit(0);
}
run($name, $cases[$name]);
