--TEST--
A rooms array of strings and ints: ints become strings, duplicates dropped (first kept), order kept
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$e->to(['b', 1, 'a', 'b', '1', 2, 1])->emit('ev', 1);
$e->to('z')->to(['y', 'z'])->in(['x', 'y'])->emit('ev', 2);
$e->to(['only', 'only'])->emit('ev', 3);     // one distinct room → suffix
sio_show_all($sub->collect());
?>
--EXPECT--
3 message(s)
socket.io#/#
  ["emitter",{"type":2,"data":["ev",1],"nsp":"/"},{"rooms":["b","1","a","2"],"flags":{},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["ev",2],"nsp":"/"},{"rooms":["z","y","x"],"flags":{},"except":[]}]
socket.io#/#only#
  ["emitter",{"type":2,"data":["ev",3],"nsp":"/"},{"rooms":["only"],"flags":{},"except":[]}]
