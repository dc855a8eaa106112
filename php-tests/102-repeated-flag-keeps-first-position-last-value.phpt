--TEST--
Applying a flag twice keeps one key (in its first position) with the last value, like the JS object spread
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$e->volatile()->volatile()->emit('ev', 1);
$e->compress(false)->volatile()->compress(true)->emit('ev', 2);
$e->compress()->emit('ev', 3);                     // default argument is true
sio_show_all($sub->collect());
?>
--EXPECT--
3 message(s)
socket.io#/#
  ["emitter",{"type":2,"data":["ev",1],"nsp":"/"},{"rooms":[],"flags":{"volatile":true},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["ev",2],"nsp":"/"},{"rooms":[],"flags":{"compress":true,"volatile":true},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["ev",3],"nsp":"/"},{"rooms":[],"flags":{"compress":true},"except":[]}]
