--TEST--
stdClass objects become maps of their properties in insertion order (nested objects and arrays too)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$o = new stdClass();
$o->z = 1;
$o->a = 'two';
$o->list = [1, (object)['in' => true]];
$o->obj = (object)['k' => null];
$o->added = 3.5;
$e = sio_emitter();
$sub = new SioSub();
$e->emit('ev', $o, (object)['x' => 1, 'y' => [2]], ['wrap' => (object)[]]);
mp_show_args($sub->one()['payload']);
?>
--EXPECT--
85a17a01a161a374776fa46c697374920181a269...(45 bytes)  {"z":1,"a":"two","list":[1,{"in":true}],"obj":{"k":nil},"added":f64:3.5}
82a17801a1799102  {"x":1,"y":[2]}
81a47772617080  {"wrap":{}}
