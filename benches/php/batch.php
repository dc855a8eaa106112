<?php
// Measurement 5: 1,000 emits (one room, the message of measurement 1) per round.
// php batch.php <port> <variant> <seconds> <max rounds>
// variant: ours-batch (batch()), ours-deferred-batch (batch() on a deferred
// emitter), ours (1,000 emit() calls), b-pipeline (phpredis multi(Redis::PIPELINE)
// + msgpack_pack, for reference).
require __DIR__ . '/lib.php';

$port = (int) arg(1);
$variant = arg(2);
$seconds = (float) arg(3);
$maxRounds = (int) arg(4);
$payload = small_payload();
const PER_ROUND = 1000;

switch ($variant) {
    case 'ours-batch':
    case 'ours-deferred-batch':
        $e = ours($port, $variant === 'ours-deferred-batch');
        $expect = $variant === 'ours-batch' ? 0 : true;
        $fn = function () use ($e, $payload, $expect) {
            $r = $e->batch(function (SocketIO\Emitter $b) use ($payload) {
                for ($i = 0; $i < PER_ROUND; $i++) {
                    $b->to('room1')->emit('post', $payload);
                }
            });
            if (count($r) !== PER_ROUND || $r[PER_ROUND - 1] !== $expect) {
                throw new RuntimeException('unexpected batch() result: ' . json_encode(array_slice($r, 0, 3)));
            }
        };
        break;
    case 'ours':
        $e = ours($port, false);
        $fn = function () use ($e, $payload) {
            for ($i = 0; $i < PER_ROUND; $i++) {
                $e->to('room1')->emit('post', $payload);
            }
        };
        break;
    case 'b-pipeline':
        $redis = redis_client($port, true);
        $u = new UserlandEmitter($redis, 'msgpack');
        $fn = function () use ($redis, $u, $payload) {
            $p = $redis->multi(Redis::PIPELINE);
            for ($i = 0; $i < PER_ROUND; $i++) {
                $t = $u->to('room1');
                $p->publish($t->channel(), $t->encode('post', [$payload]));
            }
            $r = $p->exec();
            if (count($r) !== PER_ROUND) {
                throw new RuntimeException('pipeline failed');
            }
        };
        break;
    default:
        throw new InvalidArgumentException("unknown variant $variant");
}
$fn(); // warm-up
[$rounds, $secs] = timed($fn, $seconds, $maxRounds, 1, 2);
out(['m' => 'batch', 'variant' => $variant, 'n' => $rounds * PER_ROUND, 'secs' => $secs, 'rate' => $rounds * PER_ROUND / $secs]);
