--TEST--
null, true, false become c0, c3, c2
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) null_and_bools of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->emit('ev', null, true, false);
sio_print($sub->collect());
?>
--EXPECT--
1 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev",nil,true,false],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746194a26576c0c3c2a36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
