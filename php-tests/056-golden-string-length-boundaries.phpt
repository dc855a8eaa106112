--TEST--
fixstr up to 31 bytes, str8 (d9) for 32..255, str16 from 256, str32 from 65536
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) string_length_boundaries, string_str32 of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->emit('ev', str_repeat('a', 31), str_repeat('b', 32), str_repeat('c', 255), str_repeat('d', 256));
$e->emit('ev', str_repeat('e', 65536));
sio_print($sub->collect());
?>
--EXPECT--
2 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",str(len=255,md5=299e2358d8c5cc2c4cd293a3622b5055),str(len=256,md5=494574e620952e1e30d0f498f2aa664d)],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: len=636,md5=1efcf89bb6191b515cda653eb7c4c0b1
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev",str(len=65536,md5=f744d504a41fdc5e5e4f027ef111016e)],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: len=65595,md5=091fa7e22fb317d01f37aed02417c5f7
