--TEST--
An invalid socketio_emitter.dsn in php.ini does not break start-up; new Emitter() then throws SocketIO\Exception
--INI--
socketio_emitter.dsn=http://not-redis:1
--FILE--
<?php
echo "started\n";
$t = null;
try { (new SocketIO\Emitter())->emit('ev', 1); } catch (Throwable $x) { $t = $x; }
echo $t ? get_class($t) : 'no exception', "\n";
?>
--EXPECT--
started
SocketIO\Exception
