--TEST--
A PUBLISH answered with something other than a receiver count is a failure: exception in throw mode, false + warning in warn mode, false in silent mode
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
[$proc, $port] = sio_fake_redis('status');
$dsn = "redis://127.0.0.1:$port";
$t = sio_catch(fn() => (new SocketIO\Emitter(['dsn' => $dsn, 'retry_interval' => 0]))->emit('ev', 1));
echo sio_describe($t), ': ', $t?->getMessage(), "\n";
set_error_handler(function ($no, $msg) { echo "warning: $msg\n"; return true; });
var_dump((new SocketIO\Emitter(['dsn' => $dsn, 'on_error' => 'warn', 'retry_interval' => 0]))->emit('ev', 1));
var_dump((new SocketIO\Emitter(['dsn' => $dsn, 'on_error' => 'silent', 'retry_interval' => 0]))->emit('ev', 1));
$r = (new SocketIO\Emitter(['dsn' => $dsn, 'on_error' => 'silent', 'retry_interval' => 0]))
    ->batch(function ($b) { $b->emit('a'); $b->emit('b'); });
var_dump($r);
echo "-- deferred: reported when the reply is read\n";
$d = new SocketIO\Emitter(['dsn' => $dsn, 'deferred' => true, 'on_error' => 'warn', 'retry_interval' => 0]);
var_dump($d->emit('later'));
var_dump((new SocketIO\Emitter(['dsn' => $dsn, 'on_error' => 'warn', 'retry_interval' => 0]))->emit('now'));
sio_stop_redis($proc);
?>
--EXPECTF--
SocketIO\Exception: the server at 127.0.0.1:%d does not speak the Redis protocol: PUBLISH was answered with a status reply instead of a receiver count (check the DSN/host/port options)
warning: SocketIO\Emitter::emit(): the server at 127.0.0.1:%d does not speak the Redis protocol: PUBLISH was answered with a status reply instead of a receiver count (check the DSN/host/port options)
bool(false)
bool(false)
array(2) {
  [0]=>
  bool(false)
  [1]=>
  bool(false)
}
-- deferred: reported when the reply is read
bool(true)
warning: SocketIO\Emitter::emit(): a deferred command was refused by Redis at 127.0.0.1:%d: PUBLISH was answered with a status reply instead of a receiver count
warning: SocketIO\Emitter::emit(): the server at 127.0.0.1:%d does not speak the Redis protocol: PUBLISH was answered with a status reply instead of a receiver count (check the DSN/host/port options)
bool(false)
