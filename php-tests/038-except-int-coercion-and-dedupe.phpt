--TEST--
except() coerces ints to strings and deduplicates (first occurrence kept), like to()
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$e->except([3, '3', 'x', 3])->except(7)->except('x')->emit('ev', 1);
$e->to('r')->to('r')->except(['r', 'q'])->emit('ev', 2);   // except never changes the channel
sio_show_all($sub->collect());
?>
--EXPECT--
2 message(s)
socket.io#/#
  ["emitter",{"type":2,"data":["ev",1],"nsp":"/"},{"rooms":[],"flags":{},"except":["3","x","7"]}]
socket.io#/#r#
  ["emitter",{"type":2,"data":["ev",2],"nsp":"/"},{"rooms":["r"],"flags":{},"except":["r","q"]}]
