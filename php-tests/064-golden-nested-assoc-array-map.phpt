--TEST--
nested string-keyed arrays become maps with keys in insertion order
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) nested_object of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->emit('ev', ['user' => ['id' => 7, 'name' => 'Ann', 'tags' => ['a', 'b'], 'meta' => ['ok' => true, 'score' => null]]]);
sio_print($sub->collect());
?>
--EXPECT--
1 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev",{"user":{"id":7,"name":"Ann","tags":["a","b"],"meta":{"ok":true,"score":nil}}}],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a2657681a47573657284a2696407a46e616d65a3416e6ea47461677392a161a162a46d65746182a26f6bc3a573636f7265c0a36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
