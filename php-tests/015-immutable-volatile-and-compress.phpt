--TEST--
volatile() and compress() never change the emitter they are called on
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$v = $e->volatile();
$v->compress(false);        // result dropped
$c = $e->compress(false);
$c->volatile();             // result dropped
$e->volatile();             // result dropped
$v->emit('ev', 'v');
$c->emit('ev', 'c');
$e->emit('ev', 'e');
sio_show_all($sub->collect());
?>
--EXPECT--
3 message(s)
socket.io#/#
  ["emitter",{"type":2,"data":["ev","v"],"nsp":"/"},{"rooms":[],"flags":{"volatile":true},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["ev","c"],"nsp":"/"},{"rooms":[],"flags":{"compress":false},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["ev","e"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
