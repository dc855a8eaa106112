--TEST--
non-integral floats are float64 (cb), never float32
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) floats of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->emit('ev', 0.5, -1.5, 3.141592653589793, 1.0E-7, 5.0E-324);
sio_print($sub->collect());
?>
--EXPECT--
1 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev",f64:0.5,f64:-1.5,f64:3.141592653589793,f64:1.0E-7,f64:5.0E-324],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746196a26576cb3fe0000000000000cbbff8000000000000cb400921fb54442d18cb3e7ad7f29abcaf48cb0000000000000001a36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
