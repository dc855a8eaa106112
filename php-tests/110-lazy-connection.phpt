--TEST--
The connection is opened lazily: constructor and modifiers never connect; emit() to a dead server throws SocketIO\Exception
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$port = sio_free_port();
$e = null;
$t = sio_catch(function () use ($port, &$e) {
    $e = new SocketIO\Emitter("redis://127.0.0.1:$port");
    $e->of('/x')->to('a')->except('b')->volatile()->compress(false);
});
echo 'constructor + modifiers: ', sio_describe($t), "\n";
$t = sio_catch(fn() => $e->emit('ev', 1));
echo 'emit: ', sio_describe($t), "\n";
echo 'message is not empty: ', var_export($t && $t->getMessage() !== '', true), "\n";
?>
--EXPECT--
constructor + modifiers: no exception
emit: SocketIO\Exception
message is not empty: true
