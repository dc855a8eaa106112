--TEST--
negative ints: negative fixint, then int8/16/32/64 (d0..d3), smallest that fits
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) ints_negative of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->emit('ev', -1, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649, -9007199254740991);
sio_print($sub->collect());
?>
--EXPECT--
1 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev",-1,-32,-33,-128,-129,-32768,-32769,-2147483648,-2147483649,-9007199254740991],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a4646174619ba26576ffe0d0dfd080d1ff7fd18000d2ffff7fffd280000000d3ffffffff7fffffffd3ffe0000000000001a36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
