--TEST--
'connection' and 'error' are not reserved for emit(): they are published
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
var_dump($e->emit('connection', 'a') >= 1);
var_dump($e->emit('error', 'b') >= 1);
sio_show_all($sub->collect());
?>
--EXPECT--
bool(true)
bool(true)
2 message(s)
socket.io#/#
  ["emitter",{"type":2,"data":["connection","a"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["error","b"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
