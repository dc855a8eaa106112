--TEST--
Payloads from 64 KiB on are written from the encode buffer between the packed commands: in batch(), deferred and sync mode every message arrives intact, once, in order
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$sizes = [10, 70000, 20, 65536, 65535, 200000, 30];
$sub = new SioSub();
$e = sio_emitter();
$counts = $e->batch(function (SocketIO\Emitter $b) use ($sizes) {
    foreach ($sizes as $i => $n) { $b->emit('batch', $i, str_repeat(chr(97 + $i), $n)); }
});
echo 'batch counts: ', implode(',', $counts), "\n";
$d = sio_emitter(['deferred' => true]);
foreach ($sizes as $i => $n) { $d->emit('deferred', $i, str_repeat(chr(97 + $i), $n)); }
foreach ($sizes as $i => $n) { $e->emit('sync', $i, str_repeat(chr(97 + $i), $n)); }
$msgs = $sub->collect();
$seen = [];
foreach ($msgs as $m) {
    $v = mp_decode($m['payload']);
    $data = $v->items[1]->pairs[1][1]->items;
    [$ev, $i, $s] = [$data[0]->s, $data[1], $data[2]->s];
    $ok = $s === str_repeat(chr(97 + $i), $sizes[$i]);
    $seen[$ev][] = $i . ($ok ? '' : '!CORRUPT');
}
foreach ($seen as $ev => $order) { echo "$ev: ", implode(',', $order), "\n"; }
echo 'next emit on the same connection: ', $e->emit('after', 1), "\n";
?>
--EXPECT--
batch counts: 1,1,1,1,1,1,1
batch: 0,1,2,3,4,5,6
deferred: 0,1,2,3,4,5,6
sync: 0,1,2,3,4,5,6
next emit on the same connection: 1
