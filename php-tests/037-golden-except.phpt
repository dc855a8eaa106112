--TEST--
except() fills opts.except and never changes the channel
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) except_one_room, to_room_except_room, except_two_rooms_array of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->except('room2')->emit('ev', 'not-room2');
$e->to('room1')->except('room2')->emit('ev', 'r1-not-r2');
$e->except(['room1', 'room2'])->emit('ev');
sio_print($sub->collect());
?>
--EXPECT--
3 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev","not-room2"],"nsp":"/"},{"rooms":[],"flags":{},"except":["room2"]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576a96e6f742d726f6f6d32a36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707491a5726f6f6d32
channel: socket.io#/#room1#
decoded: ["emitter",{"type":2,"data":["ev","r1-not-r2"],"nsp":"/"},{"rooms":["room1"],"flags":{},"except":["room2"]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576a972312d6e6f742d7232a36e7370a12f83a5726f6f6d7391a5726f6f6d31a5666c61677380a665786365707491a5726f6f6d32
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev"],"nsp":"/"},{"rooms":[],"flags":{},"except":["room1","room2"]}]
hex: 93a7656d697474657283a47479706502a46461746191a26576a36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707492a5726f6f6d31a5726f6f6d32
