--TEST--
UTF-8 strings (incl. 4-byte and NUL) and a non-ASCII event name are sent byte for byte
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) unicode_strings, unicode_event_name of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->emit('ev', 'héllo', '中文', '🎉', "\u{0}nul");
$e->emit('événement', 1);
sio_print($sub->collect());
?>
--EXPECT--
2 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev","héllo","中文","🎉","\u0000nul"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746195a26576a668c3a96c6c6fa6e4b8ade69687a4f09f8e89a4006e756ca36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["événement",1],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192abc3a976c3a96e656d656e7401a36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
