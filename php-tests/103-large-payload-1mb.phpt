--TEST--
A 1 MB string and a 1 MB Binary arrive intact (str32 / bin32), in one message
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$s = str_repeat('0123456789abcdéf', 65536);     // 17 bytes * 65536
$b = random_bytes(1 << 20);
$n = $e->to('big')->emit('ev', $s, new SocketIO\Binary($b));
var_dump($n >= 1);
$m = $sub->one();
echo $m['channel'], "\n";
$raws = mp_args_raw($m['payload']);
echo bin2hex(substr($raws[0], 0, 5)), ' ', bin2hex(substr($raws[1], 0, 5)), "\n";
var_dump(substr($raws[0], 5) === $s, substr($raws[1], 5) === $b);
?>
--EXPECT--
bool(true)
socket.io#/#big#
db00110000 c600100000
bool(true)
bool(true)
