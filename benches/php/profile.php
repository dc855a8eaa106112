<?php
// One case of the benchmark, a fixed number of times, for valgrind/strace
// (benches/profile.sh runs it at two counts and reports the difference per op).
// php profile.php <port> <case> <count>
// case: seq-<a|b|c|ours|ours-deferred> (measurement 1, one room) or
//       big-<ours|msgpack|json> (measurement 3, the ~1 MB payload).
require __DIR__ . '/lib.php';

$port = (int) arg(1);
[$kind, $variant] = explode('-', arg(2), 2);
$count = (int) arg(3);
if ($kind === 'seq') {
    $payload = small_payload();
    $redis = redis_client($port, true);
    switch ($variant) {
        case 'a':
            $u = (new UserlandEmitter($redis, 'msgpack'))->to('room1');
            [$channel, $bytes] = [$u->channel(), $u->encode('post', [$payload])];
            $fn = fn () => $redis->publish($channel, $bytes);
            break;
        case 'b':
        case 'c':
            $u = new UserlandEmitter($redis, $variant === 'b' ? 'msgpack' : 'pure');
            $fn = fn () => $u->to('room1')->emit('post', $payload);
            break;
        default:
            $e = ours($port, $variant === 'ours-deferred');
            $fn = fn () => $e->to('room1')->emit('post', $payload);
    }
} else {
    $payload = big_payload();
    $redis = redis_client($port, true);
    $u = (new UserlandEmitter($redis, 'msgpack'))->to('room1');
    $e = ours($port, false);
    $fn = match ($variant) {
        'ours' => fn () => $e->to('room1')->emit('big', $payload),
        'msgpack' => fn () => $u->emit('big', $payload),
        'json' => fn () => $redis->publish('socket.io#/#room1#', json_encode(['emitter', ['type' => 2, 'data' => ['big', $payload], 'nsp' => '/'], ['rooms' => ['room1'], 'flags' => new stdClass(), 'except' => []]])),
    };
}
for ($i = 0; $i < $count; $i++) {
    $fn();
}
