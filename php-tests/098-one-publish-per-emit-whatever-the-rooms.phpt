--TEST--
One emit = exactly one PUBLISH, whatever the number of rooms (PSUBSCRIBE socket.io* sees one message each)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io*']);
$e->to(['a', 'b', 'c', 'd'])->except(['e', 'f'])->emit('ev', 1);
$e->to(range(1, 50))->emit('ev', 2);
$e->of('/admin')->to('a')->to('b')->emit('ev', 3);
$msgs = $sub->collect();
echo count($msgs), " message(s)\n";
foreach ($msgs as $m) {
    $opts = mp_decode($m['payload'])->items[2];
    echo $m['channel'], ' rooms=', count($opts->pairs[0][1]->items), "\n";
}
?>
--EXPECT--
3 message(s)
socket.io#/# rooms=4
socket.io#/# rooms=50
socket.io#/admin# rooms=2
