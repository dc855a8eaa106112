--TEST--
of('/admin'): channel socket.io#/admin# and packet.nsp '/admin'
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) of_admin_emit of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->of('/admin')->emit('ev', ['a' => 1]);
sio_print($sub->collect());
?>
--EXPECT--
1 message(s)
channel: socket.io#/admin#
decoded: ["emitter",{"type":2,"data":["ev",{"a":1}],"nsp":"/admin"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a2657681a16101a36e7370a62f61646d696e83a5726f6f6d7390a5666c61677380a665786365707490
