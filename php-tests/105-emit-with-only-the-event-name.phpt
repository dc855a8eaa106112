--TEST--
emit() with only the event name (positional or named argument) sends data [event]
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$e->emit('only');
$e->emit(event: 'named');
sio_show_all($sub->collect());
?>
--EXPECT--
2 message(s)
socket.io#/#
  ["emitter",{"type":2,"data":["only"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["named"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
