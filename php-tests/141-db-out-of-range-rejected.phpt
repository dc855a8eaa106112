--TEST--
A DSN selecting a database Redis does not have (/99) fails with SocketIO\Exception, and the process keeps working
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$a = sio_redis_addr();
$t = sio_catch(fn() => (new SocketIO\Emitter("redis://127.0.0.1:{$a['port']}/99"))->emit('ev', 1));
echo sio_describe($t), "\n";
$sub = new SioSub();
sio_emitter()->emit('ev', 2);
echo count($sub->collect()), " message(s)\n";
?>
--EXPECT--
SocketIO\Exception
1 message(s)
