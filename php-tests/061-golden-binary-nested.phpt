--TEST--
a Binary nested in a map is sent as bin, packet type stays 2
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) binary_nested of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->emit('ev', ['name' => 'f.bin', 'data' => new SocketIO\Binary("\x01\x02\x03")]);
sio_print($sub->collect());
?>
--EXPECT--
1 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev",{"name":"f.bin","data":bin:010203}],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a2657682a46e616d65a5662e62696ea464617461c403010203a36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
