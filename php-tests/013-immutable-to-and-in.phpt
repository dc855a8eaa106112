--TEST--
to()/in() never change the emitter they are called on (branching from a derived emitter)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$a = $e->to('a');
$ab = $a->to('b');          // branch, must not touch $a
$ac = $a->in('c');          // in() is the same
$a->in(['x', 'y']);         // result dropped
$a->emit('ev', 'a');
$ab->emit('ev', 'ab');
$ac->emit('ev', 'ac');
$e->emit('ev', 'base');
sio_show_all($sub->collect());
?>
--EXPECT--
4 message(s)
socket.io#/#a#
  ["emitter",{"type":2,"data":["ev","a"],"nsp":"/"},{"rooms":["a"],"flags":{},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["ev","ab"],"nsp":"/"},{"rooms":["a","b"],"flags":{},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["ev","ac"],"nsp":"/"},{"rooms":["a","c"],"flags":{},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["ev","base"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
