--TEST--
16 elements: array16 (dc 0010) and map16 (de 0010)
--DESCRIPTION--
Byte-for-byte comparison with golden vector(s) array16_and_map16 of @socket.io/redis-emitter 5.1.0
(tests/golden/golden-vectors.json), captured on a raw subscriber.
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$m = [];
for ($i = 0; $i < 16; $i++) { $m[sprintf('k%02d', $i)] = $i; }
$e->emit('ev', range(0, 15), $m);
sio_print($sub->collect());
?>
--EXPECT--
1 message(s)
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["ev",[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15],{"k00":0,"k01":1,"k02":2,"k03":3,"k04":4,"k05":5,"k06":6,"k07":7,"k08":8,"k09":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"k15":15}],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746193a26576dc0010000102030405060708090a0b0c0d0e0fde0010a36b303000a36b303101a36b303202a36b303303a36b303404a36b303505a36b303606a36b303707a36b303808a36b303909a36b31300aa36b31310ba36b31320ca36b31330da36b31340ea36b31350fa36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490
