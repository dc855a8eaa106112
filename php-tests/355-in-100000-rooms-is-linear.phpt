--TEST--
in() with 100,000 rooms is linear (de-duplication is hashed past a few rooms): 10x the rooms takes about 10x the time, not 100x (a ratio of the best of 5, the sizes interleaved, so valgrind or a loaded machine matters little); order and de-duplication unchanged
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = new SocketIO\Emitter('redis://127.0.0.1:1');
$rooms = function (int $n): array {
    $rooms = [];
    for ($i = 0; $i < $n; $i++) {
        $rooms[] = "room$i";
    }
    $rooms[] = 'room5';   // duplicates are dropped, first position wins
    $rooms[] = 5;
    $rooms[] = '5';
    return $rooms;
};
$once = function (array $rooms) use ($e): float {
    $t0 = hrtime(true);
    $e->in($rooms)->to(array_reverse($rooms))->except($rooms);
    return (hrtime(true) - $t0) / 1e9;
};
// The best of 5 of each size, the two sizes interleaved: a busy spell of the
// machine (a loaded CI runner) then slows both, not one of them.
[$smallRooms, $largeRooms] = [$rooms(10000), $rooms(100000)];
[$small, $large] = [INF, INF];
for ($round = 0; $round < 5; $round++) {
    $small = min($small, $once($smallRooms));
    $large = min($large, $once($largeRooms));
}
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
