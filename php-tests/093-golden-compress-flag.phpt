--TEST--
compress(false) / compress(true) set flags {compress: bool}
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) compress_false, compress_true of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->compress(false)->emit('ev', 'nc');
$e->compress(true)->emit('ev', 'c');
sio_print($sub->collect());
?>
--EXPECT--
2 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev","nc"],"nsp":"/"},{"rooms":[],"flags":{"compress":false},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576a26e63a36e7370a12f83a5726f6f6d7390a5666c61677381a8636f6d7072657373c2a665786365707490
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev","c"],"nsp":"/"},{"rooms":[],"flags":{"compress":true},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576a163a36e7370a12f83a5726f6f6d7390a5666c61677381a8636f6d7072657373c3a665786365707490
