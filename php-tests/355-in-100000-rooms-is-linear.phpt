--TEST--
in() with 100,000 rooms takes well under a second (de-duplication is linear); order and de-duplication unchanged
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$rooms = [];
for ($i = 0; $i < 100000; $i++) {
    $rooms[] = "room$i";
}
$rooms[] = 'room5';   // duplicates are dropped, first position wins
$rooms[] = 5;
$rooms[] = '5';
$e = new SocketIO\Emitter('redis://127.0.0.1:1');
$t0 = hrtime(true);
$x = $e->in($rooms)->to(array_reverse($rooms))->except($rooms);
$elapsed = (hrtime(true) - $t0) / 1e9;
printf("in/to/except with 100,000 rooms each: %.3f s\n", $elapsed);
echo $elapsed < 2.0 ? "fast enough\n" : "TOO SLOW: $elapsed s\n";
$sub = new SioSub();
sio_emitter()->to(['b', 'a', 'b', 3, '3', 'c', 'a'])->emit('ev');
echo mp_dump($sub->one()['payload']), "\n";
?>
--EXPECTF--
in/to/except with 100,000 rooms each: %f s
fast enough
["emitter",{"type":2,"data":["ev"],"nsp":"/"},{"rooms":["b","a","3","c"],"flags":{},"except":[]}]
