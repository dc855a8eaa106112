--TEST--
list arrays become msgpack arrays; several args go into data in order
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) array_arg, multiple_args_mixed of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->emit('ev', [1, 'two', 3.5, false]);
$e->emit('ev', 1, 'two', [3], ['four' => 4], null, true);
sio_print($sub->collect());
?>
--EXPECT--
2 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev",[1,"two",f64:3.5,false]],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a265769401a374776fcb400c000000000000c2a36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev",1,"two",[3],{"four":4},nil,true],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746197a2657601a374776f910381a4666f757204c0c3a36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
