--TEST--
SocketIO\Binary is sent as msgpack bin (c4 / c5), empty Binary as c4 00
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) binary_small, binary_empty, binary_256 of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$e->emit('ev', new SocketIO\Binary("\x01\x02\x03"));
$e->emit('ev', new SocketIO\Binary(''));
$e->emit('ev', new SocketIO\Binary(implode('', array_map('chr', range(0, 255)))));
sio_print($sub->collect());
?>
--EXPECT--
3 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev",bin:010203],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576c403010203a36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev",bin:],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576c400a36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev",bin(len=256,md5=e2c865db4162bed963bfaa9ef6ac18f0)],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a26576c50100000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeffa36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
