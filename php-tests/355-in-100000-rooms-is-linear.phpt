--TEST--
in() with 100,000 rooms is linear (de-duplication is hashed past a few rooms): 10x the rooms takes about 10x the time, not 100x (a ratio, so valgrind or a loaded machine does not matter); order and de-duplication unchanged
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = new SocketIO\Emitter('redis://127.0.0.1:1');
$time = function (int $n) use ($e): float {
    $rooms = [];
    for ($i = 0; $i < $n; $i++) {
        $rooms[] = "room$i";
    }
    $rooms[] = 'room5';   // duplicates are dropped, first position wins
    $rooms[] = 5;
    $rooms[] = '5';
    $best = INF;
    for ($round = 0; $round < 3; $round++) {
        $t0 = hrtime(true);
        $e->in($rooms)->to(array_reverse($rooms))->except($rooms);
        $best = min($best, (hrtime(true) - $t0) / 1e9);
    }
    return $best;
};
$small = $time(10000);
$large = $time(100000);
$ratio = $large / max($small, 1e-9);
printf("in/to/except with 10,000 rooms: %.4f s, with 100,000: %.4f s, ratio %.1f (linear: ~10, quadratic: ~100)\n", $small, $large, $ratio);
echo $ratio < 40 ? "linear\n" : "NOT LINEAR: ratio $ratio\n";
$sub = new SioSub();
sio_emitter()->to(['b', 'a', 'b', 3, '3', 'c', 'a'])->emit('ev');
echo mp_dump($sub->one()['payload']), "\n";
?>
--EXPECTF--
in/to/except with 10,000 rooms: %f s, with 100,000: %f s, ratio %f (linear: ~10, quadratic: ~100)
linear
["emitter",{"type":2,"data":["ev"],"nsp":"/"},{"rooms":["b","a","3","c"],"flags":{},"except":[]}]
