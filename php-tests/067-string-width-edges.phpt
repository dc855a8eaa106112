--TEST--
String headers at the edges: '' a0, 31 bf, 32 d9 20, 255 d9 ff, 256 da 0100, 65535 da ffff, 65536 db 00010000; UTF-8 length counts bytes
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$e->emit('ev', '', str_repeat('x', 31), str_repeat('x', 32), str_repeat('x', 255), str_repeat('x', 256),
    str_repeat('x', 65535), str_repeat('x', 65536), str_repeat('é', 16) /* 32 bytes, 16 chars */);
foreach (mp_args_raw($sub->one()['payload']) as $raw) {
    $hdr = ord($raw[0]) < 0xc0 ? 1 : ['d9' => 2, 'da' => 3, 'db' => 5][bin2hex($raw[0])];
    echo bin2hex(substr($raw, 0, $hdr)), ' + ', strlen($raw) - $hdr, " bytes\n";
}
?>
--EXPECT--
a0 + 0 bytes
bf + 31 bytes
d920 + 32 bytes
d9ff + 255 bytes
da0100 + 256 bytes
daffff + 65535 bytes
db00010000 + 65536 bytes
d920 + 32 bytes
