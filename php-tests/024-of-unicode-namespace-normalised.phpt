--TEST--
of() adds the leading '/' to any name (UTF-8 included) and keeps rooms/flags set afterwards
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$e->of('tchat-é')->to('r1')->volatile()->emit('ev', 1);
sio_show_all($sub->collect());
?>
--EXPECT--
1 message(s)
socket.io#/tchat-é#r1#
  ["emitter",{"type":2,"data":["ev",1],"nsp":"/tchat-é"},{"rooms":["r1"],"flags":{"volatile":true},"except":[]}]
