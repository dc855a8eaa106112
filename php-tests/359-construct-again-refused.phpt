--TEST--
Calling __construct() again on a live Emitter or SessionRooms is refused: they are immutable
--INI--
socketio_emitter.session_secret=0123456789abcdef0123
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = new SocketIO\Emitter(['dsn' => sio_dsn(), 'prefix' => 'first']);
$t = sio_catch(fn() => $e->__construct(['dsn' => 'redis://127.0.0.1:1', 'prefix' => 'other']));
echo sio_describe($t), ': ', $t?->getMessage(), "\n";
$sub = new SioSub(['first#*']);
var_dump($e->emit('still-first') >= 1);
echo count($sub->collect()), " message on the original prefix\n";
$s = new SocketIO\SessionRooms($e);
$t = sio_catch(fn() => $s->__construct($e, ['ttl' => 5]));
echo sio_describe($t), ': ', $t?->getMessage(), "\n";
?>
--EXPECT--
SocketIO\Exception: SocketIO\Emitter::__construct() cannot be called on an existing object: it is immutable; create a new one instead
bool(true)
1 message on the original prefix
SocketIO\Exception: SocketIO\SessionRooms::__construct() cannot be called on an existing object: it is immutable; create a new one instead
