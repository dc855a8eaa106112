--TEST--
Warnings are never dropped: an error reply with a NUL byte is shown with \0; a deferred emit refused with NOAUTH warns that a password is needed
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
set_error_handler(function ($no, $msg) { echo "warning: $msg\n"; return true; });
[$proc, $port] = sio_fake_redis('nulerror');
$e = new SocketIO\Emitter(['dsn' => "redis://127.0.0.1:$port", 'on_error' => 'warn']);
var_dump($e->emit('ev'));
sio_stop_redis($proc);
[$proc, $port] = sio_fake_redis('noauth');
$dsn = "redis://127.0.0.1:$port";
$deferred = new SocketIO\Emitter(['dsn' => $dsn, 'deferred' => true, 'on_error' => 'warn']);
$sync = new SocketIO\Emitter(['dsn' => $dsn, 'on_error' => 'warn']);
var_dump($deferred->emit('later'));
var_dump($sync->emit('now'));  // reads the deferred reply first
sio_stop_redis($proc);
?>
--EXPECTF--
warning: SocketIO\Emitter::emit(): Redis at 127.0.0.1:%d replied with an error: ERR bad\0thing
bool(false)
bool(true)
warning: SocketIO\Emitter::emit(): a deferred command was refused by Redis at 127.0.0.1:%d: it needs a password: set the 'password' option (or redis://:password@host in the DSN): NOAUTH Authentication required.
warning: SocketIO\Emitter::emit(): Redis at 127.0.0.1:%d refused the connection: it needs a password: set the 'password' option (or redis://:password@host in the DSN): NOAUTH Authentication required.
bool(false)
