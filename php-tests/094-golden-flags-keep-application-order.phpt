--TEST--
flag keys keep the order in which the modifiers were applied
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) room_volatile_compress_false, compress_false_then_volatile of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->to('room1')->volatile()->compress(false)->emit('ev', 'all-flags');
$e->compress(false)->volatile()->emit('ev', 'order');
sio_print($sub->collect());
?>
--EXPECT--
2 message(s)
channel: socket.io#/#room1#
decoded: ["emitter",{"type":2,"data":["ev","all-flags"],"nsp":"/"},{"rooms":["room1"],"flags":{"volatile":true,"compress":false},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576a9616c6c2d666c616773a36e7370a12f83a5726f6f6d7391a5726f6f6d31a5666c61677382a8766f6c6174696c65c3a8636f6d7072657373c2a665786365707490
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev","order"],"nsp":"/"},{"rooms":[],"flags":{"compress":false,"volatile":true},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576a56f72646572a36e7370a12f83a5726f6f6d7390a5666c61677382a8636f6d7072657373c2a8766f6c6174696c65c3a665786365707490
