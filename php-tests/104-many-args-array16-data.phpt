--TEST--
Many arguments: packet.data becomes array16 (dc) when event + args >= 16 elements
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$e->emit('ev', ...range(1, 20));
$p = $sub->one()['payload'];
echo mp_dump($p), "\n";
var_dump(str_contains(bin2hex($p), 'a464617461dc0015a2657601'));
?>
--EXPECT--
["emitter",{"type":2,"data":["ev",1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
bool(true)
