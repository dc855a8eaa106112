--TEST--
volatile() sets flags {volatile: true}
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) volatile of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->volatile()->emit('ev', 'v');
sio_print($sub->collect());
?>
--EXPECT--
1 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev","v"],"nsp":"/"},{"rooms":[],"flags":{"volatile":true},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576a176a36e7370a12f83a5726f6f6d7390a5666c61677381a8766f6c6174696c65c3a665786365707490
