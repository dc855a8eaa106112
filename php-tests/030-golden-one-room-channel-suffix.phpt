--TEST--
to()/in() with exactly one room: channel gets the '<room>#' suffix (in() is an alias of to())
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) to_one_room, in_one_room of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->to('room1')->emit('ev', 1);
$e->in('room1')->emit('ev', 1);
sio_print($sub->collect());
?>
--EXPECT--
2 message(s)
channel: socket.io#/#room1#
decoded: ["emitter",{"type":2,"data":["ev",1],"nsp":"/"},{"rooms":["room1"],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a2657601a36e7370a12f83a5726f6f6d7391a5726f6f6d31a5666c61677380a665786365707490
channel: socket.io#/#room1#
decoded: ["emitter",{"type":2,"data":["ev",1],"nsp":"/"},{"rooms":["room1"],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a2657601a36e7370a12f83a5726f6f6d7391a5726f6f6d31a5666c61677380a665786365707490
