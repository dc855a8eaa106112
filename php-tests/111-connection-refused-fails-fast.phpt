--TEST--
Nothing listening: every emit throws SocketIO\Exception quickly (no hang, no retry storm), the process stays usable
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$port = sio_free_port();
$e = new SocketIO\Emitter("redis://127.0.0.1:$port");
$start = microtime(true);
for ($i = 0; $i < 3; $i++) {
    echo "attempt $i: ", sio_describe(sio_catch(fn() => $e->emit('ev', $i))), "\n";
}
$elapsed = microtime(true) - $start;
echo 'under 3 s: ', var_export($elapsed < 3.0, true), "\n";
// a working emitter in the same process is unaffected
$sub = new SioSub();
sio_emitter()->emit('ev', 'still works');
echo count($sub->collect()), " message(s)\n";
?>
--EXPECT--
attempt 0: SocketIO\Exception
attempt 1: SocketIO\Exception
attempt 2: SocketIO\Exception
under 3 s: true
1 message(s)
