--TEST--
the same room twice collapses to one room, so the channel has the suffix
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) to_same_room_twice of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->to('room1')->to('room1')->emit('ev', 'dup');
sio_print($sub->collect());
?>
--EXPECT--
1 message(s)
channel: socket.io#/#room1#
decoded: ["emitter",{"type":2,"data":["ev","dup"],"nsp":"/"},{"rooms":["room1"],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576a3647570a36e7370a12f83a5726f6f6d7391a5726f6f6d31a5666c61677380a665786365707490
