--TEST--
Several Emitter objects with the same DSN share the process's persistent connection
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$admin = new RespClient();
$before = sio_total_connections($admin);
for ($i = 0; $i < 5; $i++) {
    $e = new SocketIO\Emitter(sio_dsn());
    $e->emit('ev', $i);
    unset($e);
}
$after = sio_total_connections($admin);
echo 'new connections: ', $after - $before, "\n";
?>
--EXPECT--
new connections: 1
