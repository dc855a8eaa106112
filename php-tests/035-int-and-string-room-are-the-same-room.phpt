--TEST--
to(5)->to('5') is one room "5": deduplicated after int→string coercion, so the channel has the suffix
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$e->to(5)->to('5')->emit('ev', 1);
$e->to('5')->in([5])->emit('ev', 2);
sio_show_all($sub->collect());
?>
--EXPECT--
2 message(s)
socket.io#/#5#
  ["emitter",{"type":2,"data":["ev",1],"nsp":"/"},{"rooms":["5"],"flags":{},"except":[]}]
socket.io#/#5#
  ["emitter",{"type":2,"data":["ev",2],"nsp":"/"},{"rooms":["5"],"flags":{},"except":[]}]
