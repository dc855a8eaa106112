<?php
// Emits the message of measurement 1 through every PHP emitter of the benchmark,
// in a fixed order, for node/verify.js to compare with the official emitter.
// php verify.php <port>
require __DIR__ . '/lib.php';

$port = (int) arg(1);
$payload = small_payload();
$cases = [['rooms' => rooms_of(1)], ['rooms' => rooms_of(10)], ['rooms' => ['a', 'b', 'a']]];
$redis = redis_client($port, true);
$emitters = [
    'ours' => fn () => ours($port, false),
    // Its own connection ('persistent' => false), settled when the emitter is
    // freed: the deferred PUBLISH is answered before the next emitter writes.
    'ours-deferred' => fn () => new SocketIO\Emitter(['dsn' => "redis://127.0.0.1:$port", 'deferred' => true, 'persistent' => false]),
    'b' => fn () => new UserlandEmitter($redis, 'msgpack'),
    'c' => fn () => new UserlandEmitter($redis, 'pure'),
];
foreach ($cases as $case) {
    foreach ($emitters as $name => $make) {
        $e = $make();
        $r = $e->to($case['rooms'])->emit('post', $payload);
        if ($r === false) {
            throw new RuntimeException("$name: emit failed");
        }
        unset($e);
    }
}
echo json_encode(['emitters' => array_keys($emitters), 'cases' => $cases, 'payload' => $payload]), "\n";
