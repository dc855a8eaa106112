--TEST--
to([]) / except([]) add nothing: broadcast to the whole namespace, channel without suffix
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$e->to([])->except([])->emit('ev', 1);
$e->to([])->to('solo')->emit('ev', 2);
sio_show_all($sub->collect());
?>
--EXPECT--
2 message(s)
socket.io#/#
  ["emitter",{"type":2,"data":["ev",1],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
socket.io#/#solo#
  ["emitter",{"type":2,"data":["ev",2],"nsp":"/"},{"rooms":["solo"],"flags":{},"except":[]}]
