--TEST--
on_error=log: emit() returns false, the user's error handler is never called (even one that throws), PHP's error log gets one line when the address starts failing and one summary when it recovers
--SKIPIF--
<?php if (!shell_exec('command -v redis-server')) die('skip redis-server binary needed to run a private server');
--INI--
log_errors=1
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$log = tempnam(sys_get_temp_dir(), 'sio-log-');
ini_set('error_log', $log);
$calls = 0;
$handler = function (int $no, string $msg) use (&$calls) {
    $calls++;
    throw new ErrorException($msg, 0, $no); // what Laravel / Yii / CodeIgniter do
};
set_error_handler($handler);
$port = sio_free_port();
$e = new SocketIO\Emitter(['dsn' => "redis://127.0.0.1:$port", 'on_error' => 'log', 'timeout' => 0.2, 'retry_interval' => 50]);
$results = [];
for ($i = 0; $i < 40; $i++) {
    $results[] = $e->emit('ev', $i);
    $e->to('room')->emit('ev', $i); // same address, same outage
    usleep(3000);                   // some go through the breaker, some are refused by it
}
echo 'all false: ', var_export(array_unique($results, SORT_REGULAR) === [false], true), "\n";
echo 'handler calls: ', $calls, "\n";
$lines = file($log, FILE_IGNORE_NEW_LINES);
echo 'log lines during the outage: ', count($lines), "\n";
echo preg_replace('/^\[[^]]*\] /', '', $lines[0] ?? ''), "\n";
restore_error_handler(); // the helper's own connection attempts warn while Redis starts
[$proc, $port] = sio_start_redis([], null, $port);
set_error_handler($handler);
usleep(100000); // past retry_interval
var_dump($e->emit('ev', 'back'));
var_dump($e->emit('ev', 'back again'));
$lines = file($log, FILE_IGNORE_NEW_LINES);
echo 'log lines now: ', count($lines), "\n";
echo preg_replace('/^\[[^]]*\] /', '', $lines[1] ?? ''), "\n";
echo 'handler calls: ', $calls, "\n";
sio_stop_redis($proc);
unlink($log);
?>
--EXPECTF--
all false: true
handler calls: 0
log lines during the outage: 1
socketio_emitter: cannot connect to Redis at 127.0.0.1:%d: %s; emits to this address fail (return false) until it recovers, which will be logged
int(0)
int(0)
log lines now: 2
socketio_emitter: Redis at 127.0.0.1:%d recovered: 80 emits failed over %f s
handler calls: 0
