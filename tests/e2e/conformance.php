<?php
// Performs the PHP call described by each golden vector (golden-vectors.json,
// field "description") so that conformance.js can compare what reaches Redis
// with what the official Node emitter published.
//
//   php -n -d extension=.../libsocketio_emitter.so -d socketio_emitter.dsn=redis://127.0.0.1:PORT \
//       conformance.php NAME [NAME...]
//
// Before each case a marker "begin:NAME" is PUBLISHed on the plain channel
// "conformance-marker" through a second, raw RESP connection (never on a
// "<prefix>#...#" channel). The marker's PUBLISH is only sent after emit()
// returned, i.e. after Redis executed our PUBLISH, so the subscriber sees
// marker, emitted message(s), next marker... in order and conformance.js can
// attribute every captured message to a vector name.
//
// For every case one line "@@ {json}" is printed: {"name", "ret"} or
// {"name", "error"}. A fatal error / crash simply ends the output; the driver
// then restarts us with the remaining names.

declare(strict_types=1);

use SocketIO\Binary;
use SocketIO\Emitter;

error_reporting(E_ALL);
ini_set('display_errors', 'stderr');

// The harness passes the test Redis in REDIS_DSN (it is also the ini default
// socketio_emitter.dsn, which is what `new Emitter()` must pick up by itself).
$dsn = getenv('REDIS_DSN') ?: (string) ini_get('socketio_emitter.dsn');
$url = parse_url($dsn);
$marker = @stream_socket_client(sprintf('tcp://%s:%d', $url['host'] ?? '127.0.0.1', $url['port'] ?? 6379), $errno, $errstr, 2.0);
if ($marker === false) {
    fwrite(STDERR, "cannot open marker connection to $dsn: $errstr\n");
    exit(2);
}
stream_set_timeout($marker, 2);

function publish_marker($sock, string $text): void
{
    $cmd = "*3\r\n\$7\r\nPUBLISH\r\n\$18\r\nconformance-marker\r\n\$" . strlen($text) . "\r\n$text\r\n";
    fwrite($sock, $cmd);
    $reply = fgets($sock);
    if ($reply === false || $reply[0] !== ':') {
        fwrite(STDERR, "marker PUBLISH failed: " . var_export($reply, true) . "\n");
        exit(2);
    }
}

require __DIR__ . '/lib.php';

// Used by a derived case: an object serialised through jsonSerialize().
final class AdminPayload implements JsonSerializable
{
    public function jsonSerialize(): mixed
    {
        return ['a' => 1];
    }
}

$e = null;
$custom = fn () => new Emitter(['dsn' => $dsn, 'prefix' => 'myprefix']);
$E = function () use (&$e): Emitter {
    // Constructed on first use so that a constructor failure is reported
    // against a vector instead of killing the whole run.
    return $e ??= new Emitter();
};

// name => closure returning emit()'s result. Transcribed by hand from each
// vector's "description".
$cases = [
    'emit_all_no_args' => fn () => $E()->emit('hello'),
    // Remote operations: JSON on '<prefix>-request#<nsp>#' (void, except serverSideEmit).
    'sockets_join_all' => fn () => $E()->socketsJoin('room3'),
    'sockets_join_filtered' => fn () => $E()->in('room1')->except('room2')->socketsJoin(['room4', 'room5']),
    'sockets_leave' => fn () => $E()->in('room1')->socketsLeave('room1'),
    'disconnect_sockets_default' => fn () => $E()->in('room2')->disconnectSockets(),
    'disconnect_sockets_close_true' => fn () => $E()->in('room2')->disconnectSockets(true),
    'disconnect_sockets_all_except' => fn () => $E()->except('room1')->disconnectSockets(false),
    'server_side_emit' => fn () => $E()->serverSideEmit('hello', 'world', 1),
    'server_side_emit_admin' => fn () => $E()->of('/admin')->serverSideEmit('ping'),
    'custom_prefix_sockets_join' => fn () => $custom()->socketsJoin('room3'),
    'emit_all_string' => fn () => $E()->emit('hello', 'world'),
    'to_one_room' => fn () => $E()->to('room1')->emit('ev', 1),
    'in_one_room' => fn () => $E()->in('room1')->emit('ev', 1),
    'to_two_rooms_chained' => fn () => $E()->to('room1')->to('room2')->emit('ev', 'x'),
    'to_rooms_array' => fn () => $E()->to(['room1', 'room2'])->emit('ev', 'x'),
    'to_same_room_twice' => fn () => $E()->to('room1')->to('room1')->emit('ev', 'dup'),
    'except_one_room' => fn () => $E()->except('room2')->emit('ev', 'not-room2'),
    'to_room_except_room' => fn () => $E()->to('room1')->except('room2')->emit('ev', 'r1-not-r2'),
    'except_two_rooms_array' => fn () => $E()->except(['room1', 'room2'])->emit('ev'),
    'room_with_hash_and_unicode' => fn () => $E()->to('r#1/é')->emit('ev', 'odd room'),
    'room_numeric_string' => fn () => $E()->to('123')->emit('ev', 'numeric room'),
    'of_admin_emit' => fn () => $E()->of('/admin')->emit('ev', ['a' => 1]),
    'of_admin_without_slash' => fn () => $E()->of('admin')->emit('ev', 'no-slash'),
    'of_admin_to_room' => fn () => $E()->of('/admin')->to('room1')->emit('ev', 'admin-room1'),
    'volatile' => fn () => $E()->volatile()->emit('ev', 'v'),
    'compress_false' => fn () => $E()->compress(false)->emit('ev', 'nc'),
    'compress_true' => fn () => $E()->compress(true)->emit('ev', 'c'),
    'room_volatile_compress_false' => fn () => $E()->to('room1')->volatile()->compress(false)->emit('ev', 'all-flags'),
    'compress_false_then_volatile' => fn () => $E()->compress(false)->volatile()->emit('ev', 'order'),
    'nested_object' => fn () => $E()->emit('ev', ['user' => ['id' => 7, 'name' => 'Ann', 'tags' => ['a', 'b'], 'meta' => ['ok' => true, 'score' => null]]]),
    'array_arg' => fn () => $E()->emit('ev', [1, 'two', 3.5, false]),
    'empty_array' => fn () => $E()->emit('ev', []),
    'empty_object' => fn () => $E()->emit('ev', new stdClass()),
    'numeric_string_keys' => fn () => $E()->emit('ev', (object) ['1' => 'a', '0' => 'b']),
    'unicode_strings' => fn () => $E()->emit('ev', 'héllo', '中文', '🎉', "\u{0}nul"),
    'unicode_event_name' => fn () => $E()->emit('événement', 1),
    'string_length_boundaries' => fn () => $E()->emit('ev', str_repeat('a', 31), str_repeat('b', 32), str_repeat('c', 255), str_repeat('d', 256)),
    'string_str32' => fn () => $E()->emit('ev', str_repeat('e', 65536)),
    'binary_small' => fn () => $E()->emit('ev', new Binary("\x01\x02\x03")),
    'binary_empty' => fn () => $E()->emit('ev', new Binary('')),
    'binary_256' => fn () => $E()->emit('ev', new Binary(implode('', array_map('chr', range(0, 255))))),
    'binary_nested' => fn () => $E()->emit('ev', ['name' => 'f.bin', 'data' => new Binary("\x01\x02\x03")]),
    'ints_positive' => fn () => $E()->emit('ev', 0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296, 9007199254740991, 9007199254740992),
    'ints_negative' => fn () => $E()->emit('ev', -1, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649, -9007199254740991),
    'floats' => fn () => $E()->emit('ev', 0.5, -1.5, 3.141592653589793, 1.0E-7, 5.0E-324),
    // Documented difference: we send correct float64s, not notepack's truncated uint64.
    'quirk_large_integral_double' => fn () => $E()->emit('ev', 1.0E21, 1.7976931348623157E308),
    // Documented difference: PHP floats stay float64 (cb ...), Node writes ints.
    'float_integral_values' => fn () => $E()->emit('ev', 1.0, 2.0, -3.0),
    'null_and_bools' => fn () => $E()->emit('ev', null, true, false),
    'multiple_args_mixed' => fn () => $E()->emit('ev', 1, 'two', [3], ['four' => 4], null, true),
    'array16_and_map16' => function () use ($E) {
        $map = [];
        foreach (range(0, 15) as $i) {
            $map[sprintf('k%02d', $i)] = $i;
        }
        return $E()->emit('ev', range(0, 15), $map);
    },
    // Documented difference: DateTimeInterface -> ISO string like Date.toJSON().
    'date_value' => fn () => $E()->emit('ev', new DateTime('2020-01-02T03:04:05.678Z')),
    'immutability_base_unaffected' => function () use ($E) {
        $e = $E();
        $r = $e->to('room1');
        $r->volatile();
        return $e->emit('ev', 'to-all');
    },
    'immutability_branching' => function () use ($E) {
        $r = $E()->to('room1');
        $r->to('room2');
        return $r->emit('ev', 'only-room1');
    },
    'custom_prefix_emit' => fn () => $custom()->emit('ev', 'custom'),
    'custom_prefix_room' => fn () => $custom()->to('room1')->emit('ev', 'custom-room'),

    // ---- derived cases (not golden vectors): PHP-specific inputs that must
    // produce exactly the bytes of an existing vector (see conformance.js).
    'derived_int_room' => fn () => $E()->to(123)->emit('ev', 'numeric room'),
    'derived_rooms_array_with_duplicate' => fn () => $E()->to(['room1', 'room1'])->emit('ev', 'dup'),
    'derived_datetime_other_timezone' => fn () => $E()->emit('ev', new DateTimeImmutable('2020-01-02T05:04:05.678+02:00')),
    'derived_json_serializable' => fn () => $E()->of('admin')->emit('ev', new AdminPayload()),
    'derived_modifier_order_irrelevant_for_rooms' => fn () => $E()->volatile()->to('room1')->compress(false)->emit('ev', 'all-flags'),
    'derived_dsn_string_constructor' => fn () => (new Emitter($dsn))->emit('hello', 'world'),
    'derived_host_port_constructor' => fn () => (new Emitter(['host' => $url['host'] ?? '127.0.0.1', 'port' => $url['port'] ?? 6379]))->emit('hello', 'world'),
    // run by conformance.js with -d socketio_emitter.prefix=myprefix
    'derived_ini_prefix' => fn () => (new Emitter())->emit('ev', 'custom'),
];

record(['start' => true]);
$names = array_slice($argv, 1);
if ($names === ['--list']) {
    echo implode("\n", array_keys($cases)), "\n";
    exit(0);
}
foreach ($names as $name) {
    publish_marker($marker, "begin:$name");
    if (!isset($cases[$name])) {
        record(['name' => $name, 'error' => 'no PHP case for this vector in conformance.php']);
        continue;
    }
    try {
        record(['name' => $name, 'ret' => $cases[$name]()]);
    } catch (Throwable $t) {
        record(['name' => $name, 'error' => get_class($t) . ': ' . $t->getMessage()]);
    }
}
publish_marker($marker, 'end');
