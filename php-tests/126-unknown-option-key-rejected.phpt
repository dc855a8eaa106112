--TEST--
An unknown option key is a SocketIO\Exception whose message names the key
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
foreach (['bogus_key', 'key' /* the Node option name, not ours */, 'Prefix', 'passwd'] as $k) {
    $t = sio_catch(fn() => (new SocketIO\Emitter(['dsn' => sio_dsn(), $k => 'x']))->emit('ev', 1));
    printf("%s: %s, names the key: %s\n", $k, sio_describe($t), $t && str_contains($t->getMessage(), $k) ? 'yes' : 'NO');
}
$t = sio_catch(fn() => (new SocketIO\Emitter([0 => 'redis://127.0.0.1:1']))->emit('ev', 1));
echo 'int key: ', sio_describe($t), "\n";
?>
--EXPECT--
bogus_key: SocketIO\Exception, names the key: yes
key: SocketIO\Exception, names the key: yes
Prefix: SocketIO\Exception, names the key: yes
passwd: SocketIO\Exception, names the key: yes
int key: SocketIO\Exception
