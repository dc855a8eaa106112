--TEST--
emit() to the whole namespace: channel socket.io#/# and the official emitter's bytes
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) emit_all_no_args, emit_all_string of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->emit('hello');
$e->emit('hello', 'world');
sio_print($sub->collect());
?>
--EXPECT--
2 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["hello"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746191a568656c6c6fa36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["hello","world"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a568656c6c6fa5776f726c64a36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
