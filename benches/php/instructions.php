<?php
// One case of benches/instructions.sh, a fixed number of times, under callgrind
// (the script runs each case at two counts and reports the difference per op,
// so PHP start-up, connecting and warm-up cancel out).
// php instructions.php <port> <case> <count>
// Emitters are built from ini settings (socketio_emitter.dsn is set by the script).
require __DIR__ . '/lib.php';

$port = (int) arg(1);
$case = arg(2);
$count = (int) arg(3);
$data = small_payload();
const BATCH = 100;

switch ($case) {
    case 'floor':
        // phpredis publish() of bytes encoded beforehand: the floor.
        $redis = redis_client($port, true);
        $u = (new UserlandEmitter($redis, 'msgpack'))->to('team:7');
        [$channel, $bytes] = [$u->channel(), $u->encode('post', [$data])];
        $fn = fn () => $redis->publish($channel, $bytes);
        break;
    case 'in-emit':
        $e = new SocketIO\Emitter();
        $fn = fn () => $e->in('team:7')->emit('post', $data);
        break;
    case 'reused':
        $team = (new SocketIO\Emitter())->in('team:7');
        $fn = fn () => $team->emit('post', $data);
        break;
    case 'batch':
        // Per emit: $count emits in batches of BATCH.
        $e = new SocketIO\Emitter();
        $count = intdiv($count, BATCH);
        $fn = fn () => $e->batch(function (SocketIO\Emitter $b) use ($data) {
            for ($i = 0; $i < BATCH; $i++) {
                $b->in('team:7')->emit('post', $data);
            }
        });
        break;
    case 'new':
        $fn = fn () => new SocketIO\Emitter();
        break;
    case 'join':
        $rooms = new SocketIO\SessionRooms(new SocketIO\Emitter(), ['secret' => 'bench-secret-0123456789']);
        $fn = fn () => $rooms->join('sess-4f1c2a9b7d', ['team:7']);
        break;
    case 'big-msgpack':
        // The ~1 MB nested payload: userland msgpack_pack() + phpredis publish().
        $big = big_payload();
        $u = (new UserlandEmitter(redis_client($port, true), 'msgpack'))->to('team:7');
        $fn = fn () => $u->emit('big', $big);
        break;
    case 'big-ours':
        $big = big_payload();
        $e = new SocketIO\Emitter();
        $fn = fn () => $e->in('team:7')->emit('big', $big);
        break;
    default:
        fwrite(STDERR, "unknown case $case\n");
        exit(2);
}
$fn(); // connect and warm up outside the counted difference
for ($i = 0; $i < $count; $i++) {
    $fn();
}
echo json_encode(['case' => $case, 'ok' => true]), "\n";
