--TEST--
calling to()/volatile() without using the result leaves the base emitter unchanged
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) immutability_base_unaffected of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$r = $e->to('room1');
$r->volatile();
$e->emit('ev', 'to-all');
sio_print($sub->collect());
?>
--EXPECT--
1 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev","to-all"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576a6746f2d616c6ca36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
