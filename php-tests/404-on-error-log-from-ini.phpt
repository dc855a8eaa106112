--TEST--
socketio_emitter.on_error=log in php.ini: emit() returns false against a dead address, no error handler call, one error-log line; an invalid ini value names the accepted ones
--INI--
log_errors=1
socketio_emitter.on_error=log
socketio_emitter.timeout=0.2
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$log = tempnam(sys_get_temp_dir(), 'sio-log-');
ini_set('error_log', $log);
set_error_handler(function (int $no, string $msg) { echo "handler called: $msg\n"; return true; });
$port = sio_free_port();
ini_set('socketio_emitter.dsn', "redis://127.0.0.1:$port");
$e = new SocketIO\Emitter();
var_dump($e->emit('a'), $e->emit('b'), $e->emit('c'));
echo count(file($log)), " log line\n";
ini_set('socketio_emitter.on_error', 'loud');
try {
    new SocketIO\Emitter();
} catch (SocketIO\Exception $x) {
    echo $x->getMessage(), "\n";
}
unlink($log);
?>
--EXPECT--
bool(false)
bool(false)
bool(false)
1 log line
option 'socketio_emitter.on_error' must be 'throw', 'warn', 'log' or 'silent'
