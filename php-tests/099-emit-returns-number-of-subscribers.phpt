--TEST--
emit() returns an int: the number of Redis subscribers that received the message (0 when nobody listens)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub1 = new SioSub(['socket.io#*']);
$n = $e->emit('ev', 1);
var_dump(is_int($n), $n >= 1);
$sub2 = new SioSub(['socket.io#/#*']);
$sub3 = new SioSub([], ['socket.io#/#room1#']);
$m = $e->to('room1')->emit('ev', 2);
var_dump($m >= 3, $m - $n >= 2);
$lonely = sio_emitter(['prefix' => 'nobody-listens-' . bin2hex(random_bytes(8))]);
var_dump($lonely->emit('ev', 3));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
int(0)
