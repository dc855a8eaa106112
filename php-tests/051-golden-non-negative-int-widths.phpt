--TEST--
non-negative ints: fixint, then uint8/16/32/64 (cc..cf), never signed markers
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) ints_positive of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->emit('ev', 0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296, 9007199254740991, 9007199254740992);
sio_print($sub->collect());
?>
--EXPECT--
1 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev",0,1,127,128,255,256,65535,65536,4294967295,4294967296,9007199254740991,9007199254740992],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a4646174619da2657600017fcc80ccffcd0100cdffffce00010000ceffffffffcf0000000100000000cf001fffffffffffffcf0020000000000000a36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
