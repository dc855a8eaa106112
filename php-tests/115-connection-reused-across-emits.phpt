--TEST--
One connection serves every emit of the process (derived emitters included): Redis sees one new connection
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$admin = new RespClient();
$before = sio_total_connections($admin);
$e = sio_emitter();
for ($i = 0; $i < 10; $i++) {
    $e->emit('ev', $i);
    $e->to("r$i")->of('/admin')->volatile()->emit('ev', $i);
}
$after = sio_total_connections($admin);
echo 'new connections: ', $after - $before, "\n";
?>
--EXPECT--
new connections: 1
