--TEST--
An int room becomes its decimal string, both in the channel suffix and in opts.rooms (msgpack str)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$e->to(42)->emit('ev', 1);
$e->in(0)->emit('ev', 2);
$e->to(-7)->emit('ev', 3);
$e->to(PHP_INT_MAX)->emit('ev', 4);
$e->to(PHP_INT_MIN)->emit('ev', 5);
sio_show_all($sub->collect());
?>
--EXPECT--
5 message(s)
socket.io#/#42#
  ["emitter",{"type":2,"data":["ev",1],"nsp":"/"},{"rooms":["42"],"flags":{},"except":[]}]
socket.io#/#0#
  ["emitter",{"type":2,"data":["ev",2],"nsp":"/"},{"rooms":["0"],"flags":{},"except":[]}]
socket.io#/#-7#
  ["emitter",{"type":2,"data":["ev",3],"nsp":"/"},{"rooms":["-7"],"flags":{},"except":[]}]
socket.io#/#9223372036854775807#
  ["emitter",{"type":2,"data":["ev",4],"nsp":"/"},{"rooms":["9223372036854775807"],"flags":{},"except":[]}]
socket.io#/#-9223372036854775808#
  ["emitter",{"type":2,"data":["ev",5],"nsp":"/"},{"rooms":["-9223372036854775808"],"flags":{},"except":[]}]
