--TEST--
two rooms (chained or as an array): no channel suffix, rooms in insertion order
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) to_two_rooms_chained, to_rooms_array of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->to('room1')->to('room2')->emit('ev', 'x');
$e->to(['room1', 'room2'])->emit('ev', 'x');
sio_print($sub->collect());
?>
--EXPECT--
2 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev","x"],"nsp":"/"},{"rooms":["room1","room2"],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576a178a36e7370a12f83a5726f6f6d7392a5726f6f6d31a5726f6f6d32a5666c61677380a665786365707490
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev","x"],"nsp":"/"},{"rooms":["room1","room2"],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576a178a36e7370a12f83a5726f6f6d7392a5726f6f6d31a5726f6f6d32a5666c61677380a665786365707490
