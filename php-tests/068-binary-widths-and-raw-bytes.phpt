--TEST--
Binary: bin16 up to 65535 bytes, bin32 (c6) from 65536; bytes that are not UTF-8 pass through untouched
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
use SocketIO\Binary;
$e = sio_emitter();
$sub = new SioSub();
$big = random_bytes(65536);
$e->emit('ev', new Binary("\xff\xfe\x00\xc3"), new Binary(str_repeat("\x80", 255)), new Binary(str_repeat("\x80", 65535)), new Binary($big));
$raws = mp_args_raw($sub->one()['payload']);
echo bin2hex($raws[0]), "\n";
echo bin2hex(substr($raws[1], 0, 2)), ' + ', strlen($raws[1]) - 2, "\n";
echo bin2hex(substr($raws[2], 0, 3)), ' + ', strlen($raws[2]) - 3, "\n";
echo bin2hex(substr($raws[3], 0, 5)), ' + ', strlen($raws[3]) - 5, "\n";
var_dump(substr($raws[3], 5) === $big);
?>
--EXPECT--
c404fffe00c3
c4ff + 255
c5ffff + 65535
c600010000 + 65536
bool(true)
