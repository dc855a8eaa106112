--TEST--
of() called on an emitter for another namespace selects the new namespace (not a concatenation)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$e->of('/a')->of('b')->emit('ev', 1);
$e->of('/a')->of('/')->emit('ev', 2);
$e->of('/chat/room')->emit('ev', 3);   // nested-looking namespace kept verbatim
sio_show_all($sub->collect());
?>
--EXPECT--
3 message(s)
socket.io#/b#
  ["emitter",{"type":2,"data":["ev",1],"nsp":"/b"},{"rooms":[],"flags":{},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["ev",2],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
socket.io#/chat/room#
  ["emitter",{"type":2,"data":["ev",3],"nsp":"/chat/room"},{"rooms":[],"flags":{},"except":[]}]
