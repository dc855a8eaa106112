<?php
// Measurement 3: a ~1 MB nested payload (maps, lists, strings, ints, floats),
// published once per iteration. Variants are interleaved in this one process.
// php encode.php <port> <rounds> <iterations per round>
// ours: $e->to('room1')->emit('big', $payload)
// msgpack+publish: userland (b), msgpack_pack + phpredis publish
// json+publish: json_encode + phpredis publish (for scale; not the Socket.IO format)
// msgpack_pack, json_encode: encoding alone, no publish (for reference)
require __DIR__ . '/lib.php';

$port = (int) arg(1);
$rounds = (int) arg(2);
$iters = (int) arg(3);
$payload = big_payload();
$redis = redis_client($port, true);
$u = (new UserlandEmitter($redis, 'msgpack'))->to('room1');
$e = ours($port, false);
$channel = $u->channel();
$variants = [
    'ours' => fn () => $e->to('room1')->emit('big', $payload),
    'msgpack+publish' => fn () => $u->emit('big', $payload),
    'json+publish' => fn () => $redis->publish($channel, json_encode(['emitter', ['type' => 2, 'data' => ['big', $payload], 'nsp' => '/'], ['rooms' => ['room1'], 'flags' => new stdClass(), 'except' => []]])),
    'msgpack_pack' => fn () => msgpack_pack($payload),
    'json_encode' => fn () => json_encode($payload),
];
$sizes = ['msgpack' => strlen($u->encode('big', [$payload])), 'json' => strlen(json_encode($payload))];
$times = array_fill_keys(array_keys($variants), []);
foreach ($variants as $fn) {
    $fn(); // warm-up, and a failure shows before any timing
}
for ($r = 0; $r < $rounds; $r++) {
    foreach ($variants as $name => $fn) {
        $t0 = hrtime(true);
        for ($i = 0; $i < $iters; $i++) {
            $fn();
        }
        $times[$name][] = (hrtime(true) - $t0) / 1e6 / $iters;
    }
}
foreach ($times as $name => $ms) {
    sort($ms);
    out(['m' => 'encode', 'variant' => $name, 'ms' => $ms[intdiv(count($ms), 2)], 'all_ms' => $ms, 'bytes' => $sizes]);
}
