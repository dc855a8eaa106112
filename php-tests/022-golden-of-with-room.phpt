--TEST--
of('/admin')->to('room1'): channel socket.io#/admin#room1#
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) of_admin_to_room of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->of('/admin')->to('room1')->emit('ev', 'admin-room1');
sio_print($sub->collect());
?>
--EXPECT--
1 message(s)
channel: socket.io#/admin#room1#
decoded: ["emitter",{"type":2,"data":["ev","admin-room1"],"nsp":"/admin"},{"rooms":["room1"],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576ab61646d696e2d726f6f6d31a36e7370a62f61646d696e83a5726f6f6d7391a5726f6f6d31a5666c61677380a665786365707490
