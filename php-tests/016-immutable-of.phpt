--TEST--
of() never changes the emitter it is called on
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$admin = $e->of('/admin');
$admin->of('/other');       // result dropped
$e->of('chat');             // result dropped
$admin->emit('ev', 'admin');
$e->emit('ev', 'root');
sio_show_all($sub->collect());
?>
--EXPECT--
2 message(s)
socket.io#/admin#
  ["emitter",{"type":2,"data":["ev","admin"],"nsp":"/admin"},{"rooms":[],"flags":{},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["ev","root"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
