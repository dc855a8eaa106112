--TEST--
Redis going away makes emit() throw SocketIO\Exception quickly; once it is back (and retry_interval has passed), emits work again in the same process
--SKIPIF--
<?php if (!is_executable('/usr/bin/redis-server') && !shell_exec('command -v redis-server')) die('skip redis-server binary needed to run a private server');
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
[$proc, $port] = sio_start_redis([]);
$e = new SocketIO\Emitter(['dsn' => "redis://127.0.0.1:$port", 'retry_interval' => 100]);
echo 'up: ', sio_describe(sio_catch(fn() => $e->emit('ev', 1))), "\n";
sio_stop_redis($proc);
usleep(200000);
$start = microtime(true);
echo 'down: ', sio_describe(sio_catch(fn() => $e->emit('ev', 2))), "\n";
echo 'down again: ', sio_describe(sio_catch(fn() => $e->emit('ev', 3))), "\n";
echo 'fast: ', var_export(microtime(true) - $start < 3.0, true), "\n";
[$proc, $port] = sio_start_redis([], null, $port);
usleep(150000); // the circuit breaker lets the next attempt through after retry_interval
$r = null;
echo 'back: ', sio_describe(sio_catch(function () use ($e, &$r) { $r = $e->emit('ev', 4); })), ', returned ', var_export($r, true), "\n";
sio_stop_redis($proc);
?>
--EXPECT--
up: no exception
down: SocketIO\Exception
down again: SocketIO\Exception
fast: true
back: no exception, returned 0
