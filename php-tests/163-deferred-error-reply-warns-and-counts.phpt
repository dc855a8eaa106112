--TEST--
Deferred mode: a command Redis refuses (ACL NOPERM) is reported when its reply is read, as an E_WARNING naming host:port, and counted in stats(); silent mode counts without warning; at the end of the request it goes to the error log (no error handler runs after destructors)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
// The suite's Redis, not a private one: private ones are stopped by a shutdown
// function, which runs before the end-of-request read this test checks.
$addr = sio_redis_addr();
$port = $addr['port'];
$admin = new RespClient($addr);
$admin->command('ACL', 'SETUSER', 'emitter', 'on', '>pw-0123456789', 'resetchannels', '&socket.io*', '-@all', '+publish');
$dsn = "redis://emitter:pw-0123456789@127.0.0.1:$port";
$ok = new SocketIO\Emitter(['dsn' => $dsn, 'deferred' => true]);
$denied = new SocketIO\Emitter(['dsn' => $dsn, 'deferred' => true, 'prefix' => 'elsewhere']);
$quiet = new SocketIO\Emitter(['dsn' => $dsn, 'deferred' => true, 'prefix' => 'elsewhere', 'on_error' => 'silent']);
$sync = new SocketIO\Emitter($dsn); // same connection; a sync command reads every owed reply first
var_dump($denied->emit('refused'));      // written, reply not read yet: true
echo "-- a synchronous emit reads the owed NOPERM: warning now\n";
var_dump($sync->emit('sync'));
$s = SocketIO\Emitter::stats();
var_dump($s['deferred_errors'], $s['deferred_no_receivers']);
echo "-- silent: counted, no warning (even when read by another emitter)\n";
var_dump($quiet->emit('refused-quietly'));
var_dump($sync->emit('sync'));
var_dump(SocketIO\Emitter::stats()['deferred_errors']);
var_dump($ok->emit('fine'));
var_dump($denied->emit('refused-at-shutdown')); // its reply is read at the end of the request, reported in the error log
echo "end of script\n";
?>
--EXPECTF--
bool(true)
-- a synchronous emit reads the owed NOPERM: warning now

Warning: SocketIO\Emitter::emit(): a deferred command was refused by Redis at 127.0.0.1:%d: NOPERM %s in %s on line %d
int(0)
int(1)
int(0)
-- silent: counted, no warning (even when read by another emitter)
bool(true)
int(0)
int(2)
bool(true)
bool(true)
end of script
socketio_emitter: a deferred command was refused by Redis at 127.0.0.1:%d: NOPERM %s
