--TEST--
new Emitter() / new Emitter(null) connect to socketio_emitter.dsn from php.ini and use the default prefix socket.io
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$sub = new SioSub();
(new SocketIO\Emitter())->emit('ev', 'no-arg');
(new SocketIO\Emitter(null))->emit('ev', 'null');
sio_show_all($sub->collect());
?>
--EXPECT--
2 message(s)
socket.io#/#
  ["emitter",{"type":2,"data":["ev","no-arg"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["ev","null"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
