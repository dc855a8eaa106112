--TEST--
Integer-like property names of objects are sent as string keys, in insertion order
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$o = (object)['1' => 'a', '0' => 'b'];
$o->{'10'} = 'c';
$e->emit('ev', $o);
mp_show_args($sub->one()['payload']);
?>
--EXPECT--
83a131a161a130a162a23130a163  {"1":"a","0":"b","10":"c"}
