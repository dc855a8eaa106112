--TEST--
except() never changes the emitter it is called on
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$x = $e->except('x');
$x->except('y');            // result dropped
$xz = $x->except('z');
$x->emit('ev', 1);
$xz->emit('ev', 2);
$e->emit('ev', 3);
sio_show_all($sub->collect());
?>
--EXPECT--
3 message(s)
socket.io#/#
  ["emitter",{"type":2,"data":["ev",1],"nsp":"/"},{"rooms":[],"flags":{},"except":["x"]}]
socket.io#/#
  ["emitter",{"type":2,"data":["ev",2],"nsp":"/"},{"rooms":[],"flags":{},"except":["x","z"]}]
socket.io#/#
  ["emitter",{"type":2,"data":["ev",3],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
