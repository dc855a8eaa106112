--TEST--
unix:///path/to.sock DSN connects through a Unix socket
--SKIPIF--
<?php if (!shell_exec('command -v redis-server')) die('skip redis-server binary needed to run a private server');
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$sock = sys_get_temp_dir() . '/sio-phpt-' . getmypid() . '.sock';
[$proc] = sio_start_redis([], $sock);
// subscriber over the same socket
$c = stream_socket_client("unix://$sock", $en, $es, 2);
fwrite($c, "*2\r\n\$10\r\nPSUBSCRIBE\r\n\$11\r\nsocket.io#*\r\n");
fread($c, 1000);
$t = sio_catch(function () use ($sock, &$n) { $n = (new SocketIO\Emitter("unix://$sock"))->to('u')->emit('ev', 'via unix'); });
echo 'emit: ', sio_describe($t), ', subscribers: ', var_export($n ?? null, true), "\n";
stream_set_timeout($c, 2);
$got = fread($c, 10000);
var_dump(str_contains($got, 'socket.io#/#u#'), str_contains($got, 'via unix'));
sio_stop_redis($proc);
@unlink($sock);
?>
--EXPECT--
emit: no exception, subscribers: 1
bool(true)
bool(true)
