<?php
// The PHP half of e2e.js: performs ONE named case with the extension and
// prints "@@ {json}" with emit()'s return value(s) and, where the payload is
// too large to describe in e2e.js, the sha256/length of what was sent.
//
//   php -n -d extension=... -d socketio_emitter.dsn=redis://127.0.0.1:PORT e2e.php CASE [ARG...]
//
// The expected deliveries for every case are written independently in
// e2e.js; keep both files in sync when adding a case.

declare(strict_types=1);

use SocketIO\Binary;
use SocketIO\Emitter;

error_reporting(E_ALL);
ini_set('display_errors', 'stderr');

enum Color: string
{
    case Red = 'red';
}

final class Payload implements JsonSerializable
{
    public function jsonSerialize(): mixed
    {
        return ['kind' => 'jsonSerializable', 'n' => [1, 2]];
    }
}

function digest(string $bytes): array
{
    return ['sha256' => hash('sha256', $bytes), 'len' => strlen($bytes)];
}

$case = $argv[1] ?? '';
$arg = $argv[2] ?? '';
$out = ['case' => $case];

try {
    $e = new Emitter(); // DSN and prefix from php.ini (socketio_emitter.dsn / .prefix)
    switch ($case) {
        case 'volatile':
            $out['ret'] = $e->volatile()->to('room3')->emit('t_volatile', 'v');
            break;
        case 'room1':
            $out['ret'] = $e->to('room1')->emit('t_room1', 'r1');
            break;
        case 'two_rooms':
            // c is in room1 AND room2: must get it once.
            $out['ret'] = $e->to(['room1', 'room2'])->emit('t_two_rooms', 'r1+r2');
            break;
        case 'two_rooms_chained':
            // g is in room2 AND room3.
            $out['ret'] = $e->to('room2')->in('room3')->emit('t_two_rooms_chained', 'r2+r3');
            break;
        case 'except':
            $out['ret'] = $e->except('room2')->emit('t_except', 'not-room2');
            break;
        case 'room_except':
            $out['ret'] = $e->to('room1')->except('room2')->emit('t_room_except', 'r1-not-r2');
            break;
        case 'to_socket_id':
            // every socket is in a room named after its id
            $out['ret'] = $e->to($arg)->emit('t_to_socket_id', 'just-you');
            break;
        case 'except_socket_id':
            $out['ret'] = $e->to('room1')->except($arg)->emit('t_except_socket_id', 'room1-but-not-you');
            break;
        case 'admin':
            $out['ret'] = $e->of('/admin')->emit('t_admin', ['x' => 1]);
            break;
        case 'admin_room':
            $out['ret'] = $e->of('admin')->to('room2')->emit('t_admin_room', 'admin-room2');
            break;
        case 'all':
            $out['ret'] = $e->emit('t_all', 1, 2.5, null, true, false, -7);
            break;
        case 'compress_false':
            $out['ret'] = $e->compress(false)->to('room2')->emit('t_compress_false', 'nc');
            break;
        case 'int_room':
            $out['ret'] = $e->to(42)->emit('t_int_room', 42);
            break;
        case 'unicode':
            $out['ret'] = $e->to('é🎉 chambre')->emit('t_ünï©ødé_🎉', 'héllo', '中文', '🎉', "\u{0}nul", 'ключ');
            break;
        case 'binary':
            $out['ret'] = $e->to('room3')->emit(
                't_binary',
                new Binary(implode('', array_map('chr', range(0, 255)))),
                ['name' => 'f.bin', 'data' => new Binary("\x00\xff\x10")],
                new Binary('')
            );
            break;
        case 'nested':
            $out['ret'] = $e->to('room1')->emit('t_nested', [
                'user' => ['id' => 7, 'name' => 'Zoë', 'roles' => ['admin', 'dev'], 'score' => -12.75, 'active' => true, 'manager' => null],
                'list' => [1, -1, 255, 65536, -2147483649, 9007199254740991, 0.1],
                'empty_list' => [],
                'empty_map' => new stdClass(),
                'sparse' => [3 => 'c', 1 => 'a'],
                'deep' => [[['x' => [[1], [2, [3]]]]]],
                'ключ' => 'значение',
            ]);
            break;
        case 'objects':
            $out['ret'] = $e->to($arg)->emit(
                't_objects',
                new DateTimeImmutable('2021-06-07T08:09:10.123+02:00'),
                new Payload(),
                Color::Red,
                (object) ['a' => 1, 'b' => [true]]
            );
            break;
        case 'burst':
            // 50 emits through the same (persistent) connection; each client
            // must get all of them, in order.
            $out['ret'] = [];
            for ($i = 0; $i < 50; $i++) {
                $out['ret'][] = $e->to('room1')->emit('t_burst', $i);
            }
            break;
        case 'big':
            // ~1 MiB of multi-byte UTF-8 text plus 1 MiB of binary.
            $s = '';
            for ($i = 0; strlen($s) < (1 << 20); $i++) {
                $s .= "ligne $i: é中🎉\n";
            }
            $b = '';
            for ($i = 0; strlen($b) < (1 << 20); $i++) {
                $b .= hash('sha256', "block $i", true);
            }
            $out['str'] = digest($s);
            $out['bin'] = digest($b);
            $out['ret'] = $e->to('room3')->emit('t_big', $s, new Binary($b));
            break;
        // Remote operations (e2e.js checks their effect on the servers' sockets).
        case 'join_room3_to_joined':
            $out['ret'] = $e->in('room3')->except('room2')->socketsJoin(['joined', 7]);
            break;
        case 'emit_joined':
            $out['ret'] = $e->to('joined')->emit('t_joined', 'via socketsJoin');
            break;
        case 'leave_joined':
            $out['ret'] = $e->in('room3')->socketsLeave('joined');
            break;
        case 'server_side_emit':
            $out['ret'] = $e->serverSideEmit('php-hello', 'world', 1, ['k' => 'v'], new Binary("\x01\x02"));
            break;
        case 'disconnect_room3':
            $out['ret'] = $e->in('room3')->disconnectSockets(true);
            break;
        default:
            throw new InvalidArgumentException("unknown case '$case'");
    }
} catch (Throwable $t) {
    $out['error'] = get_class($t) . ': ' . $t->getMessage();
}
echo '@@ ', json_encode($out, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
