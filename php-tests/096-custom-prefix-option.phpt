--TEST--
The 'prefix' option replaces socket.io in the channel (golden vectors custom_prefix_emit, custom_prefix_room)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter(['prefix' => 'myprefix']);
$sub = new SioSub(['myprefix#*', 'socket.io#*']);
$e->emit('ev', 'custom');
$e->to('room1')->emit('ev', 'custom-room');
sio_print($sub->collect());
?>
--EXPECT--
2 message(s)
channel: myprefix#/#
decoded: ["emitter",{"type":2,"data":["ev","custom"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576a6637573746f6da36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
channel: myprefix#/#room1#
decoded: ["emitter",{"type":2,"data":["ev","custom-room"],"nsp":"/"},{"rooms":["room1"],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576ab637573746f6d2d726f6f6da36e7370a12f83a5726f6f6d7391a5726f6f6d31a5666c61677380a665786365707490
