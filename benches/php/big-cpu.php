<?php
// CPU time of one emit of the ~1 MB nested payload (issue 16): ours against
// userland msgpack_pack() + phpredis publish(), interleaved rounds in one
// process, getrusage (user + system), medians.
// php big-cpu.php <port> <rounds> <emits per round>   (ini: socketio_emitter.dsn)
// Prints one JSON object: median CPU µs per emit of each, and the median of the rounds' ratios.
require __DIR__ . '/lib.php';

$port = (int) arg(1);
$rounds = (int) arg(2);
$per = (int) arg(3);
$big = big_payload();
$u = (new UserlandEmitter(redis_client($port, true), 'msgpack'))->to('team:7');
$e = new SocketIO\Emitter();
$variants = [
    'msgpack' => fn () => $u->emit('big', $big),
    'ours' => fn () => $e->in('team:7')->emit('big', $big),
];
$cpu = function (): float {
    $r = getrusage();
    return $r['ru_utime.tv_sec'] * 1e6 + $r['ru_utime.tv_usec'] + $r['ru_stime.tv_sec'] * 1e6 + $r['ru_stime.tv_usec'];
};
foreach ($variants as $fn) {
    $fn(); // connect and warm up
}
$samples = array_fill_keys(array_keys($variants), []);
for ($round = 0; $round < $rounds; $round++) {
    foreach ($variants as $name => $fn) {
        $t = $cpu();
        for ($i = 0; $i < $per; $i++) {
            $fn();
        }
        $samples[$name][] = ($cpu() - $t) / $per;
    }
}
$median = function (array $xs): float {
    sort($xs);
    return $xs[intdiv(count($xs), 2)];
};
$out = array_map($median, $samples);
// The ratio: the median of each round's own ratio (the two variants run back
// to back in a round), steadier than a ratio of medians when the machine's
// speed drifts between rounds (a shared VM).
$ratios = [];
foreach ($samples['ours'] as $round => $ours) {
    $ratios[] = $ours > 0 ? $samples['msgpack'][$round] / $ours : 0;
}
$out['ratio'] = $median($ratios);
echo json_encode($out), "\n";
