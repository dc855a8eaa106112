--TEST--
After a command timed out, the next emit uses a fresh connection (never reads the stale late reply)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
// fake server: on the first connection the first PUBLISH is answered late (:111), later ones :222;
// other connections answer :7 at once
[$proc, $port] = sio_fake_redis('stale');
$e = new SocketIO\Emitter(['host' => '127.0.0.1', 'port' => $port, 'read_timeout' => 0.4, 'timeout' => 0.5]);
$t = sio_catch(fn() => $e->emit('ev', 1));
echo 'first emit: ', sio_describe($t), "\n";
usleep(1300000);             // the late :111 is now waiting in the old socket
$r = null;
$t = sio_catch(function () use ($e, &$r) { $r = $e->emit('ev', 2); });
echo 'second emit: ', sio_describe($t), ', returned ', var_export($r, true), "\n";
$r = null;
$t = sio_catch(function () use ($e, &$r) { $r = $e->to('x')->emit('ev', 3); });
echo 'third emit: ', sio_describe($t), ', returned ', var_export($r, true), "\n";
proc_terminate($proc);
proc_close($proc);
?>
--EXPECT--
first emit: SocketIO\Exception
second emit: no exception, returned 7
third emit: no exception, returned 7
