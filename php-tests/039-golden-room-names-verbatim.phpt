--TEST--
room names go verbatim into the channel ('#', '/', UTF-8 not escaped); numeric string rooms stay strings
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) room_with_hash_and_unicode, room_numeric_string of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->to('r#1/é')->emit('ev', 'odd room');
$e->to('123')->emit('ev', 'numeric room');
sio_print($sub->collect());
?>
--EXPECT--
2 message(s)
channel: socket.io#/#r#1/é#
decoded: ["emitter",{"type":2,"data":["ev","odd room"],"nsp":"/"},{"rooms":["r#1/é"],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576a86f646420726f6f6da36e7370a12f83a5726f6f6d7391a67223312fc3a9a5666c61677380a665786365707490
channel: socket.io#/#123#
decoded: ["emitter",{"type":2,"data":["ev","numeric room"],"nsp":"/"},{"rooms":["123"],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576ac6e756d6572696320726f6f6da36e7370a12f83a5726f6f6d7391a3313233a5666c61677380a665786365707490
