--TEST--
With null options the php.ini settings socketio_emitter.dsn and socketio_emitter.prefix are used
--INI--
socketio_emitter.prefix=iniprefix
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$sub = new SioSub(['iniprefix#*', 'socket.io#*']);
(new SocketIO\Emitter())->emit('ev', 1);
(new SocketIO\Emitter(null))->to('r')->emit('ev', 2);
sio_show_all($sub->collect());
?>
--EXPECT--
2 message(s)
iniprefix#/#
  ["emitter",{"type":2,"data":["ev",1],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
iniprefix#/#r#
  ["emitter",{"type":2,"data":["ev",2],"nsp":"/"},{"rooms":["r"],"flags":{},"except":[]}]
