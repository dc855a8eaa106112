--TEST--
Set-up failures say what happened: maxclients is not an authentication failure, NOAUTH asks for a password, a non-Redis port (HTTP, closes at once) does not speak the Redis protocol
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
foreach (['maxclients' => [], 'maxclients ' => ['password' => 'pw'], 'noauth' => [], 'http' => [], 'close' => []] as $mode => $opts) {
    [$proc, $port] = sio_fake_redis(trim($mode));
    $e = new SocketIO\Emitter(['dsn' => "redis://127.0.0.1:$port", 'retry_interval' => 0] + $opts);
    $t = sio_catch(fn() => $e->emit('ev', 1));
    echo trim($mode), $opts ? ' (with password)' : '', ' -> ', sio_describe($t), ': ', $t?->getMessage(), "\n";
    sio_stop_redis($proc);
}
?>
--EXPECTF--
maxclients -> SocketIO\Exception: Redis at 127.0.0.1:%d refused the connection: too many clients (Redis maxclients reached; this is not an authentication failure): ERR max number of clients reached
maxclients (with password) -> SocketIO\Exception: Redis at 127.0.0.1:%d refused the connection: too many clients (Redis maxclients reached; this is not an authentication failure): ERR max number of clients reached
noauth -> SocketIO\Exception: Redis at 127.0.0.1:%d refused the connection: it needs a password: set the 'password' option (or redis://:password@host in the DSN): NOAUTH Authentication required.
http -> SocketIO\Exception: the server at 127.0.0.1:%d does not speak the Redis protocol: malformed reply: unknown type byte (check the DSN/host/port options)
close -> SocketIO\Exception: the server at 127.0.0.1:%d does not speak the Redis protocol: it closed the connection without replying (check the DSN/host/port options)
