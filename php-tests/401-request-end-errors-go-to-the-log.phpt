--TEST--
Deferred replies read at request end (after destructors) are reported in PHP's error log, never through the user's error handler (a throwing one would be a fatal error); persistent => false emitters still alive at request end are drained too
--INI--
log_errors=1
display_errors=1
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$addr = sio_redis_addr();
$admin = new RespClient($addr);
$admin->command('ACL', 'SETUSER', 'emitter401', 'on', '>pw-0123456789', 'resetchannels', '&socket.io*', '-@all', '+publish');
$dsn = "redis://emitter401:pw-0123456789@127.0.0.1:{$addr['port']}";
final class Holder { public static $keep = []; } // freed only after RSHUTDOWN
set_error_handler(function (int $no, string $msg) {
    echo "handler called: $msg\n";
    throw new ErrorException($msg, 0, $no);
});
$pooled = new SocketIO\Emitter(['dsn' => $dsn, 'deferred' => true, 'prefix' => 'denied-pooled', 'on_error' => 'warn']);
Holder::$keep[] = $private = new SocketIO\Emitter(['dsn' => $dsn, 'deferred' => true, 'prefix' => 'denied-private', 'persistent' => false]);
var_dump($pooled->emit('refused'), $private->emit('refused'));
echo "end of script\n";
?>
--EXPECTF--
bool(true)
bool(true)
end of script
socketio_emitter: a deferred command was refused by Redis at 127.0.0.1:%d: NOPERM %s
socketio_emitter: a deferred command was refused by Redis at 127.0.0.1:%d: NOPERM %s
