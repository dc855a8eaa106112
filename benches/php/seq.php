<?php
// Measurement 1: sequential emits/s of one ~150-byte message, to 1 or 10 rooms.
// php seq.php <port> <variant> <rooms> <seconds> <max emits>
// variant: a (phpredis publish of a payload encoded beforehand), b (userland,
// phpredis pconnect + msgpack_pack), c (userland, pure-PHP packer), ours, ours-deferred.
require __DIR__ . '/lib.php';

$port = (int) arg(1);
$variant = arg(2);
$nrooms = (int) arg(3);
$seconds = (float) arg(4);
$max = (int) arg(5);
$payload = small_payload();
$rooms = rooms_of($nrooms);

switch ($variant) {
    case 'a':
        $redis = redis_client($port, true);
        $u = (new UserlandEmitter($redis, 'msgpack'))->to($rooms);
        $channel = $u->channel();
        $bytes = $u->encode('post', [$payload]);
        $fn = function () use ($redis, $channel, $bytes) { $redis->publish($channel, $bytes); };
        $check = $redis->publish($channel, $bytes);
        break;
    case 'b':
    case 'c':
        $u = new UserlandEmitter(redis_client($port, true), $variant === 'b' ? 'msgpack' : 'pure');
        $fn = function () use ($u, $rooms, $payload) { $u->to($rooms)->emit('post', $payload); };
        $check = $u->to($rooms)->emit('post', $payload);
        $bytes = $u->to($rooms)->encode('post', [$payload]);
        break;
    case 'ours':
    case 'ours-deferred':
        $e = ours($port, $variant === 'ours-deferred');
        $fn = function () use ($e, $rooms, $payload) { $e->to($rooms)->emit('post', $payload); };
        $check = $e->to($rooms)->emit('post', $payload);
        if ($check !== ($variant === 'ours' ? 0 : true)) {
            throw new RuntimeException("unexpected emit() result " . var_export($check, true));
        }
        $bytes = (new UserlandEmitter(new Redis(), 'msgpack'))->to($rooms)->encode('post', [$payload]);
        break;
    default:
        throw new InvalidArgumentException("unknown variant $variant");
}
if ($check === false) {
    throw new RuntimeException("$variant: the first publish failed");
}
timed($fn, 0.1 * $seconds, intdiv($max, 10) + 64); // warm-up
[$n, $secs] = timed($fn, $seconds, $max);
if ($variant === 'ours' || $variant === 'ours-deferred') {
    $stats = SocketIO\Emitter::stats();
    if ($stats['failures'] !== 0 || $stats['connections_opened'] !== 1) {
        throw new RuntimeException('unexpected stats: ' . json_encode($stats));
    }
}
out(['m' => 'seq', 'variant' => $variant, 'rooms' => $nrooms, 'n' => $n, 'secs' => $secs,
     'rate' => $n / $secs, 'bytes' => strlen($bytes)]);
